package io.barelb.runtime.config;

import io.barelb.api.config.ResourceKind;

/**
 * The names of MetalLB's configuration kinds, which the legacy ConfigMap converts to and the summary counts. Which
 * kinds are read, and who owns them, is the {@link KindRegistry}'s business, not a list here.
 */
public final class ConfigKinds {

    public static final String IP_ADDRESS_POOL = "IPAddressPool";
    public static final String L2_ADVERTISEMENT = "L2Advertisement";
    public static final String BGP_ADVERTISEMENT = "BGPAdvertisement";
    public static final String BGP_PEER = "BGPPeer";
    public static final String BFD_PROFILE = "BFDProfile";
    public static final String COMMUNITY = "Community";

    /** MetalLB's API group. */
    public static final String METALLB_GROUP = ResourceKind.METALLB_GROUP;
    /** BareLB's own API group. */
    public static final String BARELB_GROUP = ResourceKind.BARELB_GROUP;
    /** The version of every kind in both groups. */
    public static final String V1BETA1 = ResourceKind.V1BETA1;

    private ConfigKinds() {
    }
}
