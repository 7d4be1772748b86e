package io.barelb.announcer.bgp.config;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the kinds the BGP announcer owns: {@code BGPPeer} (v1beta1 and v1beta2 fields), {@code BGPAdvertisement},
 * {@code BFDProfile} and {@code Community}, with MetalLB's rules (FRR mode); {@code docs/configuration.md} lists each
 * rule and its source. Resources of other kinds are ignored. Rules that need other kinds (pool references, aggregation
 * length against pool prefixes, LOCAL_PREF conflicts, BFD echo with IPv6 pools) belong to the runtime. Pure and
 * thread-safe.
 */
public final class BgpValidation {

    /** The kinds validated here. */
    public static final Set<String> KINDS = Set.of(PeerRules.KIND, AdvertisementRules.KIND, BfdProfileRules.KIND,
            CommunityRules.KIND);

    private BgpValidation() {
    }

    /** Every problem in {@code resources}, all at once, in a stable order; empty when they are valid. */
    public static List<ConfigProblem> validate(List<ConfigResource> resources) {
        Problems problems = new Problems();
        Set<String> profiles = BfdProfileRules.check(ofKind(resources, BfdProfileRules.KIND), problems);
        PeerRules.check(ofKind(resources, PeerRules.KIND), profiles, problems);
        Map<String, Community> aliases = CommunityRules.aliases(ofKind(resources, CommunityRules.KIND), problems);
        for (ConfigResource advertisement : ofKind(resources, AdvertisementRules.KIND)) {
            AdvertisementRules.check(advertisement.spec(), aliases, problems);
        }
        return problems.list();
    }

    static List<ConfigResource> ofKind(List<ConfigResource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
