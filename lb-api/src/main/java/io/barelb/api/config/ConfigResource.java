package io.barelb.api.config;

import java.util.Map;
import java.util.Objects;

/**
 * One configuration resource as the runtime read it (from a CR of either API group or from the legacy
 * ConfigMap), handed to the plugin that owns its kind. Immutable.
 *
 * @param kind   the kind without group, e.g. {@code BGPPeer}
 * @param name   {@code metadata.name}
 * @param labels {@code metadata.labels}, never null
 * @param spec   the {@code spec} object
 */
public record ConfigResource(String kind, String name, Map<String, String> labels, ConfigView spec) {

    public ConfigResource {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        Objects.requireNonNull(spec, "spec");
    }
}
