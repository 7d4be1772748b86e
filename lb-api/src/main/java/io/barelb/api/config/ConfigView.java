package io.barelb.api.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A read-only, typed view of one object in a configuration tree (a resource's {@code spec}, or part of it).
 * Immutable and thread-safe.
 *
 * <p>Values are plain JDK values: {@code String}, {@code Number}, {@code Boolean}, {@code List} and
 * {@code Map<String, ?>}. Each accessor names the full field path in its error, so a plugin that reads a
 * value it cannot use can throw a {@link ConfigException} that points at the field without extra work.
 * Absent keys and explicit nulls read as empty.
 */
public final class ConfigView {

    private final String kind;
    private final String name;
    private final String path;
    private final Map<String, Object> values;

    private ConfigView(String kind, String name, String path, Map<String, Object> values) {
        this.kind = kind;
        this.name = name;
        this.path = path;
        this.values = values;
    }

    /**
     * A view of {@code values} belonging to resource {@code kind}/{@code name} at field {@code path}
     * (e.g. {@code spec}). The map is copied deeply.
     */
    public static ConfigView of(String kind, String name, String path, Map<String, ?> values) {
        return new ConfigView(kind, name, path, deepCopy(values));
    }

    /** An empty view. */
    public static ConfigView empty(String kind, String name, String path) {
        return new ConfigView(kind, name, path, Map.of());
    }

    public String kind() {
        return kind;
    }

    public String name() {
        return name;
    }

    /** The field path of this object inside its resource, e.g. {@code spec.peers[0]}. */
    public String path() {
        return path;
    }

    /** The keys present, in document order. */
    public Set<String> keys() {
        return values.keySet();
    }

    /** True if the key is present with a non-null value. */
    public boolean has(String key) {
        return values.get(key) != null;
    }

    /** The raw value (JDK types), or empty. */
    public Optional<Object> raw(String key) {
        return Optional.ofNullable(values.get(key));
    }

    /** The value as text; numbers and booleans are given as written. */
    public Optional<String> string(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return Optional.of(value.toString());
        }
        throw problem(key, value, "must be a single value, not a " + typeName(value));
    }

    /** The value as a whole number; text holding digits is accepted. */
    public Optional<Long> integer(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) {
            return Optional.of(((Number) value).longValue());
        }
        if (value instanceof String text) {
            try {
                return Optional.of(Long.parseLong(text.trim()));
            } catch (NumberFormatException ignored) {
                // reported below
            }
        }
        throw problem(key, value, "must be a whole number");
    }

    /** The value as a boolean; the text {@code true}/{@code false} is accepted. */
    public Optional<Boolean> bool(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof Boolean b) {
            return Optional.of(b);
        }
        if ("true".equals(value) || "false".equals(value)) {
            return Optional.of(Boolean.parseBoolean((String) value));
        }
        throw problem(key, value, "must be true or false");
    }

    /** A list of scalar values as text; a missing key is an empty list. */
    public List<String> strings(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw problem(key, value, "must be a list");
        }
        List<String> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            Object item = list.get(i);
            if (item instanceof Map || item instanceof List || item == null) {
                throw problem(key + "[" + i + "]", item, "must be a single value");
            }
            result.add(item.toString());
        }
        return List.copyOf(result);
    }

    /** A nested object, or empty. */
    public Optional<ConfigView> child(String key) {
        Object value = values.get(key);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw problem(key, value, "must be an object");
        }
        return Optional.of(new ConfigView(kind, name, path + "." + key, castMap(map)));
    }

    /** A list of nested objects; a missing key is an empty list. */
    public List<ConfigView> children(String key) {
        Object value = values.get(key);
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?> list)) {
            throw problem(key, value, "must be a list");
        }
        List<ConfigView> result = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            if (!(list.get(i) instanceof Map<?, ?> map)) {
                throw problem(key + "[" + i + "]", list.get(i), "must be an object");
            }
            result.add(new ConfigView(kind, name, path + "." + key + "[" + i + "]", castMap(map)));
        }
        return List.copyOf(result);
    }

    /** The values as an unmodifiable map of JDK types. */
    public Map<String, Object> asMap() {
        return values;
    }

    /** The full path of a key below this object, e.g. {@code spec.holdTime}. */
    public String fieldPath(String key) {
        return path.isEmpty() ? key : path + "." + key;
    }

    /** A problem located at {@code key} below this object. */
    public ConfigProblem problemAt(String key, String value, String reason) {
        return new ConfigProblem(kind, name, fieldPath(key), value, reason);
    }

    private ConfigException problem(String key, Object value, String reason) {
        return new ConfigException(problemAt(key, value == null ? "" : String.valueOf(value), reason));
    }

    private static String typeName(Object value) {
        return value instanceof Map ? "object" : value instanceof List ? "list" : value.getClass().getSimpleName();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Map<?, ?> map) {
        return (Map<String, Object>) map;
    }

    private static Map<String, Object> deepCopy(Map<String, ?> map) {
        Map<String, Object> copy = new LinkedHashMap<>();
        map.forEach((key, value) -> copy.put(String.valueOf(key), copyValue(value)));
        return Collections.unmodifiableMap(copy);
    }

    @SuppressWarnings("unchecked")
    private static Object copyValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            return deepCopy((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(copyValue(item)));
            return Collections.unmodifiableList(copy);
        }
        return value;
    }

    /** Views are equal when they belong to the same resource and field and hold equal values. */
    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigView other && kind.equals(other.kind) && name.equals(other.name)
                && path.equals(other.path) && values.equals(other.values);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(kind, name, path, values);
    }

    @Override
    public String toString() {
        return kind + " \"" + name + "\" " + path + " " + values;
    }
}
