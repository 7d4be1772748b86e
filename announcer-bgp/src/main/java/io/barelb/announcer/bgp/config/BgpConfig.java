package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The typed BGP configuration built from validated resources. Immutable.
 *
 * @param peers          the peers, by name
 * @param advertisements the advertisements, by name
 * @param bfdProfiles    the BFD profiles, by name
 */
public record BgpConfig(Map<String, PeerConfig> peers, Map<String, AdvertisementConfig> advertisements,
                        Map<String, BfdProfileConfig> bfdProfiles) {

    public BgpConfig {
        peers = java.util.Collections.unmodifiableMap(new TreeMap<>(peers));
        advertisements = java.util.Collections.unmodifiableMap(new TreeMap<>(advertisements));
        bfdProfiles = java.util.Collections.unmodifiableMap(new TreeMap<>(bfdProfiles));
    }

    /**
     * Validates {@code resources} ({@link BgpValidation}) and builds the typed configuration; other kinds are ignored.
     *
     * @throws ConfigException carrying every problem when the resources are invalid
     */
    public static BgpConfig from(List<ConfigResource> resources) {
        List<ConfigProblem> problems = BgpValidation.validate(resources);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        Problems none = new Problems();
        Map<String, Community> aliases = CommunityRules.aliases(
                BgpValidation.ofKind(resources, CommunityRules.KIND), none);
        Map<String, PeerConfig> peers = new TreeMap<>();
        BgpValidation.ofKind(resources, PeerRules.KIND).forEach(r -> peers.put(r.name(), peer(r, none)));
        Map<String, AdvertisementConfig> ads = new TreeMap<>();
        BgpValidation.ofKind(resources, AdvertisementRules.KIND)
                .forEach(r -> ads.put(r.name(), advertisement(r, aliases, none)));
        Map<String, BfdProfileConfig> profiles = new TreeMap<>();
        BgpValidation.ofKind(resources, BfdProfileRules.KIND).forEach(r -> profiles.put(r.name(), profile(r)));
        return new BgpConfig(peers, ads, profiles);
    }

    private static PeerConfig peer(ConfigResource resource, Problems none) {
        ConfigView spec = resource.spec();
        Timers timers = Timers.of(PeerRules.duration(spec, "holdTime", false, none),
                PeerRules.duration(spec, "keepaliveTime", false, none)).timers().orElseThrow();
        Optional<PeerConfig.DynamicAsn> dynamic = text(spec, "dynamicASN")
                .map(d -> PeerConfig.DynamicAsn.valueOf(d.toUpperCase(java.util.Locale.ROOT)));
        return new PeerConfig(resource.name(), spec.integer("myASN").orElseThrow(), spec.integer("peerASN").orElse(0L),
                dynamic, spec.integer("localASN").orElse(0L), text(spec, "peerAddress").map(IpAddress::parse),
                text(spec, "peerAddress").isPresent() ? Optional.empty() : text(spec, "interface"),
                spec.integer("peerPort").orElse((long) PeerConfig.DEFAULT_PORT).intValue(),
                text(spec, "sourceAddress").map(IpAddress::parse), text(spec, "routerID").map(IpAddress::parse),
                timers.hold(), timers.keepalive(), PeerRules.duration(spec, "connectTime", true, none),
                spec.bool("ebgpMultiHop").orElse(false), text(spec, "password"),
                spec.child("passwordSecret").flatMap(s -> text(s, "name")),
                LabelSelectors.list(spec, "nodeSelectors", none), text(spec, "bfdProfile"),
                spec.bool("enableGracefulRestart").orElse(false), text(spec, "vrf"),
                spec.bool("dualStackAddressFamily").orElse(false));
    }

    private static AdvertisementConfig advertisement(ConfigResource resource, Map<String, Community> aliases,
                                                     Problems none) {
        ConfigView spec = resource.spec();
        SortedSet<Community> communities = new TreeSet<>();
        spec.strings("communities").forEach(c -> communities.add(CommunityRules.resolve(c, aliases)));
        return new AdvertisementConfig(resource.name(), spec.integer("aggregationLength").orElse(32L).intValue(),
                spec.integer("aggregationLengthV6").orElse(128L).intValue(), spec.integer("localPref").orElse(0L),
                communities, spec.strings("peers"), LabelSelectors.list(spec, "nodeSelectors", none),
                spec.strings("ipAddressPools"), LabelSelectors.list(spec, "ipAddressPoolSelectors", none),
                LabelSelectors.list(spec, "serviceSelectors", none));
    }

    private static BfdProfileConfig profile(ConfigResource resource) {
        ConfigView spec = resource.spec();
        return new BfdProfileConfig(resource.name(), (int) (long) spec.integer("receiveInterval").orElse(300L),
                (int) (long) spec.integer("transmitInterval").orElse(300L),
                (int) (long) spec.integer("detectMultiplier").orElse(3L),
                (int) (long) spec.integer("echoInterval").orElse(50L), spec.bool("echoMode").orElse(false),
                spec.bool("passiveMode").orElse(false), (int) (long) spec.integer("minimumTtl").orElse(254L));
    }

    private static Optional<String> text(ConfigView spec, String key) {
        return spec.string(key).filter(s -> !s.isEmpty());
    }
}
