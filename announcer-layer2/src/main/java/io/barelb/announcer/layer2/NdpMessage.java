package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.Objects;
import java.util.Optional;

/** The two ICMPv6 neighbor discovery messages the responder reads and writes (RFC 4861 §4.3, §4.4). */
sealed interface NdpMessage {

    /** ICMPv6 type of Neighbor Solicitation. */
    int TYPE_NEIGHBOR_SOLICITATION = 135;
    /** ICMPv6 type of Neighbor Advertisement. */
    int TYPE_NEIGHBOR_ADVERTISEMENT = 136;

    /** The address the message is about. */
    IpAddress target();

    /**
     * Neighbor Solicitation: "who has {@code target}?".
     *
     * @param target                 the target address (never multicast)
     * @param sourceLinkLayerAddress the Source Link-Layer Address option, absent in DAD probes
     */
    record NeighborSolicitation(IpAddress target, Optional<MacAddress> sourceLinkLayerAddress) implements NdpMessage {
        public NeighborSolicitation {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(sourceLinkLayerAddress, "sourceLinkLayerAddress");
        }
    }

    /**
     * Neighbor Advertisement: "{@code target} is at {@code targetLinkLayerAddress}".
     *
     * @param router                 R flag
     * @param solicited              S flag: an answer to a solicitation
     * @param override               O flag: replace a cached link-layer address
     * @param target                 the target address
     * @param targetLinkLayerAddress the Target Link-Layer Address option
     */
    record NeighborAdvertisement(boolean router, boolean solicited, boolean override, IpAddress target,
                                 Optional<MacAddress> targetLinkLayerAddress) implements NdpMessage {
        public NeighborAdvertisement {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(targetLinkLayerAddress, "targetLinkLayerAddress");
        }
    }
}
