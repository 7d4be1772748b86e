package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigView;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rules for one {@code BGPAdvertisement}, as MetalLB's {@code bgpAdvertisementFromCR}
 * ({@code internal/config/config.go}), FRR's limit in {@code internal/bgp/frr/frr.go} and the CRD markers
 * ({@code api/v1beta1/bgpadvertisement_types.go}) judge it. Pool references, aggregation length against the pools'
 * prefixes and LOCAL_PREF conflicts need the pools and nodes: they are checked by the runtime.
 */
final class AdvertisementRules {

    static final String KIND = "BGPAdvertisement";
    static final Set<String> FIELDS = Set.of("aggregationLength", "aggregationLengthV6", "localPref", "communities",
            "ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors", "peers", "serviceSelectors");
    /** FRR's limit on communities per advertisement ({@code validate} in {@code internal/bgp/frr/frr.go}). */
    static final int MAX_COMMUNITIES = 63;

    private AdvertisementRules() {
    }

    static void check(ConfigView spec, Map<String, Community> aliases, Problems problems) {
        problems.unknownKeys(spec, FIELDS);
        Optional<Long> v4 = problems.integerIn(spec, "aggregationLength", 1, 32);
        Optional<Long> v6 = problems.integerIn(spec, "aggregationLengthV6", 0, 128);
        problems.integerIn(spec, "localPref", 0, 4_294_967_295L);
        List<String> communities = problems.readList(() -> spec.strings("communities"));
        Set<String> seen = new HashSet<>();
        Set<Community> resolved = new TreeSet<>();
        for (int i = 0; i < communities.size(); i++) {
            String community = communities.get(i);
            if (!seen.add(community)) {
                problems.at(spec, "communities[" + i + "]", community, "duplicate community in this advertisement");
                continue;
            }
            try {
                resolved.add(CommunityRules.resolve(community, aliases));
            } catch (IllegalArgumentException e) {
                problems.at(spec, "communities[" + i + "]", community, e.getMessage());
            }
        }
        if (resolved.size() > MAX_COMMUNITIES) {
            problems.at(spec, "communities", String.valueOf(resolved.size()),
                    "are too many: FRR takes at most " + MAX_COMMUNITIES + " per advertisement");
        }
        for (String key : List.of("peers", "ipAddressPools")) {
            List<String> names = problems.readList(() -> spec.strings(key));
            Set<String> distinct = new HashSet<>();
            for (int i = 0; i < names.size(); i++) {
                if (!distinct.add(names.get(i))) {
                    problems.at(spec, key + "[" + i + "]", names.get(i), "is listed twice; remove one");
                }
            }
        }
        LabelSelectors.list(spec, "ipAddressPoolSelectors", problems);
        LabelSelectors.list(spec, "nodeSelectors", problems);
        if (!LabelSelectors.list(spec, "serviceSelectors", problems).isEmpty()
                && (v4.orElse(32L) != 32 || v6.orElse(128L) != 128)) {
            problems.at(spec, "serviceSelectors", "",
                    "can only be used with aggregationLength 32 and aggregationLengthV6 128");
        }
    }
}
