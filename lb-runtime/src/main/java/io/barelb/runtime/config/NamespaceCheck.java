package io.barelb.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Configuration objects in files that name a namespace the controller and speakers never read: they would apply
 * cleanly with kubectl and then do nothing, MetalLB's most common first mistake. The legacy ConfigMap counts; an
 * object without {@code metadata.namespace} does not (kubectl puts it where the command says). Pure.
 */
public final class NamespaceCheck {

    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final KindRegistry kinds;
    private final String namespace;

    /** Checks objects of the kinds in {@code kinds} against the configuration namespace {@code namespace}. */
    public NamespaceCheck(KindRegistry kinds, String namespace) {
        this.kinds = kinds;
        this.namespace = namespace;
    }

    /** One warning per misplaced object of a YAML text; none for unreadable YAML (validation reports that). */
    public List<String> warnings(String text) {
        List<String> warnings = new ArrayList<>();
        try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(text)) {
            while (values.hasNextValue()) {
                if (values.nextValue() instanceof Map<?, ?> object) {
                    check(object).ifPresent(warnings::add);
                }
            }
        } catch (JacksonException unreadable) {
            return warnings;
        }
        return warnings;
    }

    private java.util.Optional<String> check(Map<?, ?> object) {
        String apiVersion = String.valueOf(object.get("apiVersion"));
        String kind = String.valueOf(object.get("kind"));
        Map<?, ?> metadata = object.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
        Object given = metadata.get("namespace");
        if (given == null || namespace.equals(String.valueOf(given))) {
            return java.util.Optional.empty();
        }
        boolean legacy = "v1".equals(apiVersion) && "ConfigMap".equals(kind)
                && ConfigReader.LEGACY_NAME.equals(String.valueOf(metadata.get("name")));
        boolean configuration = kinds.readsGroup(apiVersion) && !kinds.isStatusKind(apiVersion, kind)
                && kinds.kind(kind).isPresent();
        if (!legacy && !configuration) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(kind + " \"" + metadata.get("name") + "\" is in namespace \"" + given
                + "\", but the controller and the speakers read configuration only from \"" + namespace
                + "\", so it would never take effect; set metadata.namespace: " + namespace
                + " (or run them, and validate, with --namespace " + given + ")");
    }
}
