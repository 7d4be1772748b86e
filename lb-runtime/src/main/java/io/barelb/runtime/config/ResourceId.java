package io.barelb.runtime.config;

import java.util.Objects;

/**
 * Names one configuration resource: kind and {@code metadata.name}.
 *
 * @param kind the kind without group, e.g. {@code IPAddressPool}
 * @param name the resource name
 */
public record ResourceId(String kind, String name) {

    public ResourceId {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
    }

    @Override
    public String toString() {
        return kind + " \"" + name + "\"";
    }
}
