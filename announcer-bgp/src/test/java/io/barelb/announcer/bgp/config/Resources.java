package io.barelb.announcer.bgp.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Builds configuration resources for tests, the way the runtime hands them over. */
final class Resources {

    private Resources() {
    }

    /** A resource of {@code kind} named {@code name} whose spec holds {@code keyValues} (key, value, key, value...). */
    static ConfigResource of(String kind, String name, Object... keyValues) {
        return new ConfigResource(kind, name, Map.of(), ConfigView.of(kind, name, "spec", map(keyValues)));
    }

    static ConfigResource peer(String name, Object... keyValues) {
        return of("BGPPeer", name, keyValues);
    }

    static ConfigResource ad(String name, Object... keyValues) {
        return of("BGPAdvertisement", name, keyValues);
    }

    static ConfigResource bfd(String name, Object... keyValues) {
        return of("BFDProfile", name, keyValues);
    }

    /** A Community resource with aliases {@code name, value, name, value...}. */
    static ConfigResource aliases(String name, String... nameValues) {
        List<Map<String, Object>> entries = new java.util.ArrayList<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            entries.add(map("name", nameValues[i], "value", nameValues[i + 1]));
        }
        return of("Community", name, "communities", entries);
    }

    static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            map.put((String) keyValues[i], keyValues[i + 1]);
        }
        return map;
    }

    /** A selector list with one {@code matchLabels} selector. */
    static List<Map<String, Object>> labels(String key, String value) {
        return List.of(map("matchLabels", map(key, value)));
    }
}
