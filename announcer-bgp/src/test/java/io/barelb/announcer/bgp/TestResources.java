package io.barelb.announcer.bgp;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.Map;

/** Configuration resources as the runtime hands them to the announcer. */
final class TestResources {

    private TestResources() {
    }

    static ConfigResource of(String kind, String name, Map<String, Object> spec) {
        return new ConfigResource(kind, name, Map.of(), ConfigView.of(kind, name, "spec", spec));
    }

    static ConfigResource peer(String name, Map<String, Object> spec) {
        return of("BGPPeer", name, spec);
    }
}
