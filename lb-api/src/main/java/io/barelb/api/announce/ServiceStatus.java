package io.barelb.api.announce;

import io.barelb.api.ServiceKey;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * What one Service's status object of the announcer's {@link StatusKind} holds besides {@code node},
 * {@code serviceName} and {@code serviceNamespace}, which the speaker fills in. Immutable.
 *
 * @param service the Service
 * @param fields  the other fields of {@code status}, e.g. {@code peers: [tor-a, tor-b]}: values are strings,
 *                numbers, booleans, lists and maps (with string keys) of those; never a secret
 * @since 0.3
 */
public record ServiceStatus(ServiceKey service, Map<String, Object> fields) {

    /** The fields the speaker writes itself. */
    public static final Set<String> RESERVED = Set.of("node", "serviceName", "serviceNamespace");

    public ServiceStatus {
        Objects.requireNonNull(service, "service");
        Map<String, Object> copy = new LinkedHashMap<>();
        fields.forEach((key, value) -> {
            if (RESERVED.contains(key)) {
                throw new IllegalArgumentException("status field " + key + " is written by the speaker; leave it out");
            }
            copy.put(key, copyValue(key, value));
        });
        fields = compact(copy);
    }

    /**
     * An unmodifiable copy in the same order; one entry (the usual {@code peers}) as a one-entry map: thousands of
     * Services hold one each.
     */
    private static Map<String, Object> compact(Map<String, Object> ordered) {
        if (ordered.size() == 1) {
            Map.Entry<String, Object> only = ordered.entrySet().iterator().next();
            return Map.of(only.getKey(), only.getValue());
        }
        return ordered.isEmpty() ? Map.of() : java.util.Collections.unmodifiableMap(ordered);
    }

    private static Object copyValue(String path, Object value) {
        if (value instanceof String || value instanceof Number || value instanceof Boolean) {
            return value;
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                copy.add(copyValue(path + "[" + i + "]", list.get(i)));
            }
            return List.copyOf(copy);
        }
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            map.forEach((k, v) -> {
                if (!(k instanceof String key)) {
                    throw new IllegalArgumentException("status field " + path + " has a key that is no string: " + k);
                }
                copy.put(key, copyValue(path + "." + key, v));
            });
            return compact(copy);
        }
        throw new IllegalArgumentException("status field " + path + " is a " + (value == null ? "null"
                : value.getClass().getName()) + "; use strings, numbers, booleans, lists and maps");
    }
}
