package io.barelb.runtime.config;

import java.util.List;
import java.util.Set;

/** The configuration kinds and the API groups they are read from (MetalLB's and ours, field for field). */
public final class ConfigKinds {

    public static final String IP_ADDRESS_POOL = "IPAddressPool";
    public static final String L2_ADVERTISEMENT = "L2Advertisement";
    public static final String BGP_ADVERTISEMENT = "BGPAdvertisement";
    public static final String BGP_PEER = "BGPPeer";
    public static final String BFD_PROFILE = "BFDProfile";
    public static final String COMMUNITY = "Community";

    /** Every kind, in the order resources are validated and reported. */
    public static final List<String> ALL = List.of(IP_ADDRESS_POOL, L2_ADVERTISEMENT, BGP_ADVERTISEMENT, BGP_PEER,
            BFD_PROFILE, COMMUNITY);

    /** MetalLB's API group. */
    public static final String METALLB_GROUP = "metallb.io";
    /** BareLB's own API group. */
    public static final String BARELB_GROUP = "barelb.io";
    /** The version of every kind in both groups. */
    public static final String V1BETA1 = "v1beta1";
    /** The storage version of MetalLB's BGPPeer. */
    public static final String V1BETA2 = "v1beta2";

    private static final Set<String> GROUPS = Set.of(METALLB_GROUP, BARELB_GROUP);

    private ConfigKinds() {
    }

    /** True if {@code apiVersion} names one of the two configuration groups. */
    public static boolean isConfigGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash > 0 && GROUPS.contains(apiVersion.substring(0, slash));
    }

    /**
     * Why {@code apiVersion}/{@code kind} cannot be read, or {@code null} if it can. Only called for objects of
     * the configuration groups.
     */
    static String unsupported(String apiVersion, String kind) {
        if (!ALL.contains(kind)) {
            return "unknown kind in " + apiVersion + "; the kinds are " + String.join(", ", ALL);
        }
        String version = apiVersion.substring(apiVersion.indexOf('/') + 1);
        if (V1BETA1.equals(version) || V1BETA2.equals(version) && BGP_PEER.equals(kind)
                && apiVersion.startsWith(METALLB_GROUP + "/")) {
            return null;
        }
        return "unsupported apiVersion for " + kind + "; use " + METALLB_GROUP + "/" + V1BETA1
                + (BGP_PEER.equals(kind) ? " (or " + METALLB_GROUP + "/" + V1BETA2 + ")" : "")
                + " or " + BARELB_GROUP + "/" + V1BETA1;
    }

    /** The plural resource name of a kind, as in the CRDs ({@code ipaddresspools}). */
    public static String plural(String kind) {
        return switch (kind) {
            case IP_ADDRESS_POOL -> "ipaddresspools";
            case L2_ADVERTISEMENT -> "l2advertisements";
            case BGP_ADVERTISEMENT -> "bgpadvertisements";
            case BGP_PEER -> "bgppeers";
            case BFD_PROFILE -> "bfdprofiles";
            case COMMUNITY -> "communities";
            default -> throw new IllegalArgumentException("unknown kind " + kind);
        };
    }
}
