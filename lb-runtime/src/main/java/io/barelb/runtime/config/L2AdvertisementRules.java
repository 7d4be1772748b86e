package io.barelb.runtime.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.List;
import java.util.Set;

/**
 * Field rules for {@code L2Advertisement}, used when no announcer plugin claims the kind (the layer2 plugin
 * may validate it itself through {@code AnnouncerFactory.validate}). Pool references are always checked here.
 */
final class L2AdvertisementRules {

    static final Set<String> FIELDS = Set.of("ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors", "interfaces",
            "serviceSelectors", "preferredNodeSelectors");
    private static final Set<String> PREFERRED_FIELDS = Set.of("weight", "preference");

    private L2AdvertisementRules() {
    }

    /** Field-level rules (what a layer2 plugin would own). */
    static void checkFields(ConfigResource advertisement, Problems problems) {
        ConfigView spec = advertisement.spec();
        problems.unknownKeys(spec, FIELDS);
        Selectors.list(spec, "nodeSelectors", problems);
        Selectors.list(spec, "serviceSelectors", problems);
        List<String> interfaces = problems.readList(() -> spec.strings("interfaces"));
        for (int i = 0; i < interfaces.size(); i++) {
            if (interfaces.get(i).isBlank()) {
                problems.at(spec, "interfaces[" + i + "]", "", "must name a network interface");
            }
        }
        for (ConfigView preferred : problems.readList(() -> spec.children("preferredNodeSelectors"))) {
            problems.unknownKeys(preferred, PREFERRED_FIELDS);
            if (problems.integerIn(preferred, "weight", 1, 100).isEmpty() && !preferred.has("weight")) {
                problems.at(preferred, "weight", "", "is required: 1 to 100");
            }
            problems.read(() -> preferred.child("preference")).ifPresent(p -> Selectors.one(p, problems));
        }
    }
}
