package io.barelb.tck;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.Map;

/** Configuration resources as the runtime hands them to a plugin, for tests. */
public final class Resources {

    private Resources() {
    }

    /** A resource of {@code kind} named {@code name}, no labels, with {@code spec}. */
    public static ConfigResource of(String kind, String name, Map<String, ?> spec) {
        return of(kind, name, Map.of(), spec);
    }

    /** A resource with labels. */
    public static ConfigResource of(String kind, String name, Map<String, String> labels, Map<String, ?> spec) {
        return new ConfigResource(kind, name, labels, ConfigView.of(kind, name, "spec", spec));
    }
}
