package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads configuration objects (CRs of {@code metallb.io} and {@code barelb.io}, and the legacy MetalLB
 * ConfigMap) from YAML or from already-parsed object trees into one {@link ConfigInput}; a {@code v1 List} (the
 * output of {@code kubectl get ... -o yaml}) is read as its items. Which kinds are read is the
 * {@link KindRegistry}'s: an object of a configuration group whose kind nobody claims becomes a notice naming the
 * plugin that would own it, never a problem. Never throws for bad input: every problem is collected. Thread-safe.
 */
public final class ConfigReader {

    /** The ConfigMap name MetalLB reads its legacy configuration from. */
    public static final String LEGACY_NAME = "config";
    /** The key of the legacy configuration inside the ConfigMap's {@code data}. */
    public static final String LEGACY_KEY = "config";

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final KindRegistry kinds;

    /** A reader of the kinds in {@code kinds}. */
    public ConfigReader(KindRegistry kinds) {
        this.kinds = kinds;
    }

    /** Reads every document of a YAML text; {@code source} names it in problems (a file name). */
    public ConfigInput readYaml(String source, String text) {
        List<Object> documents = new ArrayList<>();
        try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(text)) {
            while (values.hasNextValue()) {
                documents.add(values.nextValue());
            }
        } catch (JacksonException e) {
            String reason = "is not valid YAML: " + firstLine(e.getOriginalMessage());
            String where = e.getLocation() == null ? "document " + (documents.size() + 1)
                    : "line " + e.getLocation().getLineNr();
            return new ConfigInput(List.of(), Map.of(), List.of(new ConfigProblem("File", source, where, "", reason)), 0);
        }
        return readObjects(source, documents);
    }

    /** Reads already-parsed objects (maps with {@code apiVersion}, {@code kind}, {@code metadata}, ...). */
    public ConfigInput readObjects(String source, List<?> objects) {
        List<ConfigInput> parts = new ArrayList<>();
        int ignored = 0;
        List<ConfigProblem> problems = new ArrayList<>();
        for (int i = 0; i < objects.size(); i++) {
            Object object = objects.get(i);
            if (object == null) {
                continue;
            }
            if (!(object instanceof Map<?, ?> map)) {
                problems.add(new ConfigProblem("File", source, "document " + (i + 1), "",
                        "is not an object; expected a Kubernetes object with apiVersion and kind"));
                continue;
            }
            if (isList(map)) { // what kubectl get -o yaml prints: the objects are its items
                parts.add(map.get("items") instanceof List<?> items ? readObjects(source, items)
                        : new ConfigInput(List.of(), Map.of(), List.of(new ConfigProblem("File", source,
                        "document " + (i + 1) + " items", String.valueOf(map.get("items")),
                        "must be a list of Kubernetes objects")), 0));
                continue;
            }
            ConfigInput part = readObject(map);
            if (part == null) {
                ignored++;
            } else {
                parts.add(part);
            }
        }
        parts.add(new ConfigInput(List.of(), Map.of(), problems, ignored));
        return ConfigInput.merge(parts);
    }

    /** A {@code v1 List}, as {@code kubectl get ... -o yaml} wraps several objects. */
    private static boolean isList(Map<?, ?> object) {
        return "v1".equals(text(object.get("apiVersion"))) && "List".equals(text(object.get("kind")));
    }

    /** Reads one object; {@code null} when it is no configuration object. */
    ConfigInput readObject(Map<?, ?> object) {
        String apiVersion = text(object.get("apiVersion"));
        String kind = text(object.get("kind"));
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        String name = text(metadata.get("name"));
        if ("Secret".equals(kind) && "v1".equals(apiVersion)) {
            return null; // never configuration: the speaker hands Secrets to plugins (and never prints them)
        }
        if ("ConfigMap".equals(kind) && "v1".equals(apiVersion)) {
            Object data = object.get("data") instanceof Map<?, ?> d ? d.get(LEGACY_KEY) : null;
            if (data instanceof String configText) {
                return LegacyConfigConverter.convert(name.isEmpty() ? LEGACY_NAME : name, configText);
            }
            if (LEGACY_NAME.equals(name)) {
                return problem(new ConfigProblem("ConfigMap", name, "data." + LEGACY_KEY, "",
                        "is missing; the legacy MetalLB configuration is YAML text under data.config"));
            }
            return null;
        }
        if (!kinds.readsGroup(apiVersion) || kinds.isStatusKind(apiVersion, kind)) {
            return null;
        }
        if (kinds.kind(kind).isEmpty()) {
            return new ConfigInput(List.of(), Map.of(), List.of(), 0, List.of(kinds.unclaimed(apiVersion, kind, name)));
        }
        java.util.Optional<String> unsupported = kinds.unsupportedVersion(apiVersion, kind);
        if (unsupported.isPresent()) {
            return problem(new ConfigProblem(kind, name, "apiVersion", apiVersion, unsupported.get()));
        }
        if (name.isEmpty()) {
            return problem(new ConfigProblem(kind, name, "metadata.name", "", "is required"));
        }
        Problems problems = new Problems();
        Map<String, String> labels = new LinkedHashMap<>();
        if (metadata.get("labels") instanceof Map<?, ?> labelMap) {
            labelMap.forEach((key, value) -> labels.put(String.valueOf(key), String.valueOf(value)));
        } else if (metadata.get("labels") != null) {
            problems.add(new ConfigProblem(kind, name, "metadata.labels", "", "must be a map of label keys to values"));
        }
        Object spec = object.get("spec");
        ConfigView view;
        if (spec == null) {
            view = ConfigView.empty(kind, name, "spec");
        } else if (spec instanceof Map<?, ?> specMap) {
            view = ConfigView.of(kind, name, "spec", stringKeys(specMap));
        } else {
            problems.add(new ConfigProblem(kind, name, "spec", String.valueOf(spec), "must be an object"));
            view = ConfigView.empty(kind, name, "spec");
        }
        return new ConfigInput(List.of(new ConfigResource(kind, name, labels, view)), Map.of(), problems.list(), 0);
    }

    static Map<String, Object> stringKeys(Map<?, ?> map) {
        Map<String, Object> result = new LinkedHashMap<>();
        map.forEach((key, value) -> result.put(String.valueOf(key), value));
        return result;
    }

    private static ConfigInput problem(ConfigProblem problem) {
        return new ConfigInput(List.of(), Map.of(), List.of(problem), 0);
    }

    private static String text(Object value) {
        return value == null ? "" : String.valueOf(value);
    }

    /** The explanation lines of a parser message (not its excerpts or positions), joined into one line. */
    static String firstLine(String message) {
        if (message == null) {
            return "unreadable";
        }
        List<String> parts = new ArrayList<>();
        for (String line : message.split("\n")) {
            if (!line.isBlank() && !Character.isWhitespace(line.charAt(0))) {
                parts.add(line.trim());
            }
        }
        return parts.isEmpty() ? message.trim() : String.join(": ", parts);
    }
}
