package io.barelb.announcer.bgp.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.PoolFacts;
import io.barelb.api.config.ValidationContext;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Validates the kinds the BGP announcer owns: {@code BGPPeer} (v1beta1 and v1beta2 fields), {@code BGPAdvertisement},
 * {@code BFDProfile} and {@code Community}, with MetalLB's rules (FRR mode); {@code docs/configuration.md} lists each
 * rule and its source. Resources of other kinds are ignored. The rules against pools (aggregation lengths, BFD echo
 * with IPv6 pools) read the pools from {@link ValidationContext#pools()}; that the named pools exist is the runtime's
 * protocol-neutral check; LOCAL_PREF conflicts need the cluster's Nodes and are reported by {@link RoutePlanner}.
 * Pure and thread-safe.
 */
public final class BgpValidation {

    /** The kinds validated here. */
    public static final Set<String> KINDS = Set.of(PeerRules.KIND, AdvertisementRules.KIND, BfdProfileRules.KIND,
            CommunityRules.KIND);

    private BgpValidation() {
    }

    /** Every problem in {@code resources}, judged without pools; see {@link #validate(List, List)}. */
    public static List<ConfigProblem> validate(List<ConfigResource> resources) {
        return validate(resources, List.of());
    }

    /**
     * Every problem in {@code resources} and in their advertisements against {@code pools}, all at once, in a stable
     * order; empty when they are valid.
     */
    public static List<ConfigProblem> validate(List<ConfigResource> resources, List<PoolFacts> pools) {
        Problems problems = new Problems();
        List<ConfigResource> bfdProfiles = ofKind(resources, BfdProfileRules.KIND);
        Set<String> profiles = BfdProfileRules.check(bfdProfiles, problems);
        List<ConfigResource> peers = ofKind(resources, PeerRules.KIND);
        PeerRules.check(peers, profiles, problems);
        Map<String, Community> aliases = CommunityRules.aliases(ofKind(resources, CommunityRules.KIND), problems);
        Set<String> echoProfiles = BfdProfileRules.echoProfiles(bfdProfiles);
        for (ConfigResource advertisement : ofKind(resources, AdvertisementRules.KIND)) {
            AdvertisementRules.check(advertisement.spec(), aliases, problems);
            AdvertisementPoolRules.check(advertisement, pools, peers, echoProfiles, problems);
        }
        return problems.list();
    }

    static List<ConfigResource> ofKind(List<ConfigResource> resources, String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
