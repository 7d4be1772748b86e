package io.barelb.runtime.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Rules for the BGP kinds: {@code BGPPeer} (see {@link BgpPeerRules}), {@code BGPAdvertisement},
 * {@code BFDProfile} and {@code Community}. Belongs to the BGP announcer plugin; lives in the runtime (used through
 * {@link BuiltInBgpRules}) until that plugin validates its own kinds through {@code AnnouncerFactory.validate}. Needs
 * nothing but the BGP resources: pool references and aggregation lengths are checked by {@link AdvertisementChecks}.
 */
final class BgpConfigRules {

    private static final Set<String> ADVERTISEMENT_FIELDS = Set.of("aggregationLength", "aggregationLengthV6",
            "localPref", "communities", "ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors", "peers",
            "serviceSelectors");
    private static final Set<String> BFD_FIELDS = Set.of("receiveInterval", "transmitInterval", "detectMultiplier",
            "echoInterval", "echoMode", "passiveMode", "minimumTtl");

    private BgpConfigRules() {
    }

    /** Checks every BGP resource among {@code resources}. */
    static void check(List<ConfigResource> resources, Problems problems) {
        Set<String> profiles = new HashSet<>();
        for (ConfigResource profile : ofKind(resources, ConfigKinds.BFD_PROFILE)) {
            profiles.add(profile.name());
            checkBfd(profile.spec(), problems);
        }
        List<ConfigResource> bgpPeers = ofKind(resources, ConfigKinds.BGP_PEER);
        BgpPeerRules.check(bgpPeers, profiles, problems);
        Set<String> aliases = checkCommunities(ofKind(resources, ConfigKinds.COMMUNITY), problems);
        Set<String> peers = bgpPeers.stream().map(ConfigResource::name).collect(Collectors.toSet());
        for (ConfigResource advertisement : ofKind(resources, ConfigKinds.BGP_ADVERTISEMENT)) {
            checkAdvertisement(advertisement.spec(), aliases, peers, problems);
        }
    }

    private static List<ConfigResource> ofKind(List<ConfigResource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }

    private static void checkBfd(ConfigView spec, Problems problems) {
        problems.unknownKeys(spec, BFD_FIELDS);
        problems.integerIn(spec, "receiveInterval", 10, 60000);
        problems.integerIn(spec, "transmitInterval", 10, 60000);
        problems.integerIn(spec, "detectMultiplier", 2, 255);
        problems.integerIn(spec, "echoInterval", 10, 60000);
        problems.integerIn(spec, "minimumTtl", 1, 254);
        problems.read(() -> spec.bool("echoMode"));
        problems.read(() -> spec.bool("passiveMode"));
    }

    /** Checks Community resources; returns every alias defined. */
    private static Set<String> checkCommunities(List<ConfigResource> communities, Problems problems) {
        Map<String, String> defined = new HashMap<>();
        for (ConfigResource community : communities) {
            ConfigView spec = community.spec();
            problems.unknownKeys(spec, Set.of("communities"));
            for (ConfigView entry : problems.readList(() -> spec.children("communities"))) {
                problems.unknownKeys(entry, Set.of("name", "value"));
                Optional<String> name = problems.read(() -> entry.string("name"));
                Optional<String> value = problems.read(() -> entry.string("value"));
                if (name.isEmpty()) {
                    problems.at(entry, "name", "", "is required: the alias advertisements refer to");
                    continue;
                }
                String first = defined.putIfAbsent(name.get(), community.name());
                if (first != null) {
                    problems.at(entry, "name", name.get(), "duplicate community alias, already defined in Community \""
                            + first + "\"");
                }
                if (value.isEmpty()) {
                    problems.at(entry, "value", "", "is required: A:B or large:A:B:C");
                } else {
                    String reason = Communities.invalid(value.get());
                    if (reason != null) {
                        problems.at(entry, "value", value.get(), reason);
                    }
                }
            }
        }
        return defined.keySet();
    }

    private static void checkAdvertisement(ConfigView spec, Set<String> aliases, Set<String> peers, Problems problems) {
        problems.unknownKeys(spec, ADVERTISEMENT_FIELDS);
        Optional<Long> v4 = problems.integerIn(spec, "aggregationLength", 1, 32);
        Optional<Long> v6 = problems.integerIn(spec, "aggregationLengthV6", 1, 128);
        problems.integerIn(spec, "localPref", 0, 4_294_967_295L);
        List<String> communities = problems.readList(() -> spec.strings("communities"));
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < communities.size(); i++) {
            String community = communities.get(i);
            if (!seen.add(community)) {
                problems.at(spec, "communities[" + i + "]", community, "duplicate community in this advertisement");
            } else if (Communities.looksLikeValue(community)) {
                String reason = Communities.invalid(community);
                if (reason != null) {
                    problems.at(spec, "communities[" + i + "]", community, reason);
                }
            } else if (!aliases.contains(community)) {
                problems.at(spec, "communities[" + i + "]", community,
                        "is neither A:B, large:A:B:C nor an alias defined in a Community resource");
            }
        }
        List<String> peerNames = problems.readList(() -> spec.strings("peers"));
        for (int i = 0; i < peerNames.size(); i++) {
            if (!peers.contains(peerNames.get(i))) {
                problems.at(spec, "peers[" + i + "]", peerNames.get(i), "no BGPPeer has this name");
            }
        }
        Selectors.list(spec, "nodeSelectors", problems);
        if (!Selectors.list(spec, "serviceSelectors", problems).isEmpty()
                && (v4.orElse(32L) != 32 || v6.orElse(128L) != 128)) {
            problems.at(spec, "serviceSelectors", "",
                    "can only be used with aggregationLength 32 and aggregationLengthV6 128");
        }
    }
}
