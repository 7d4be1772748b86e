package io.barelb.runtime.config;

import io.barelb.api.config.ConfigProblem;
import java.util.Map;
import java.util.Objects;

/**
 * Where in the legacy ConfigMap a converted resource came from, so a problem found in the converted resource
 * is reported in the ConfigMap's own terms (kebab-case fields under {@code address-pools[i]}, ...).
 *
 * @param configMap the ConfigMap's name
 * @param prefix    the path of the resource's source object, e.g. {@code address-pools[0]}
 * @param overrides exact CRD field paths with a legacy path that the default translation would get wrong
 */
record LegacyOrigin(String configMap, String prefix, Map<String, String> overrides) {

    LegacyOrigin {
        Objects.requireNonNull(configMap, "configMap");
        Objects.requireNonNull(prefix, "prefix");
        overrides = Map.copyOf(overrides);
    }

    /** The same problem, located in the ConfigMap. */
    ConfigProblem translate(ConfigProblem problem) {
        String field = problem.field();
        String legacy = overrides.get(field);
        if (legacy == null) {
            if (field.equals("metadata.name")) {
                legacy = prefix + ".name";
            } else {
                String rest = FieldNames.kebabPath(field);
                legacy = rest.isEmpty() ? prefix : prefix + "." + rest;
            }
        }
        return new ConfigProblem("ConfigMap", configMap, legacy, problem.value(), problem.reason());
    }
}
