package io.barelb.announcer.bgp.config;

import io.barelb.api.select.LabelSelectors;
import io.barelb.api.select.LabelSelector;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One validated {@code BGPPeer}, with MetalLB's defaults applied. Immutable.
 *
 * @param name                  {@code metadata.name}
 * @param myAsn                 this side's AS number
 * @param peerAsn               the peer's AS number, 0 when {@code dynamicAsn} is set
 * @param dynamicAsn            {@code internal} or {@code external} when the peer's AS is learnt from its OPEN
 * @param localAsn              the AS shown to the peer ({@code local-as ... no-prepend replace-as}), 0 for none
 * @param peerAddress           the address to dial, empty for an unnumbered session
 * @param iface                 the interface of an unnumbered session, empty otherwise
 * @param peerPort              the TCP port, 179 by default
 * @param sourceAddress         the local address to dial from
 * @param routerId              the BGP identifier
 * @param holdTime              the hold time, whole seconds (FRR's 180 s when neither timer is set)
 * @param keepaliveTime         the keepalive time, whole seconds (FRR's 60 s when neither timer is set)
 * @param connectTime           the wait between connection attempts, if set
 * @param ebgpMultiHop          true if the eBGP peer is more than one hop away
 * @param password              the TCP MD5 password written in the resource
 * @param passwordSecret        the name of the basic-auth Secret holding key {@code password}
 * @param nodeSelectors         the nodes that peer (any of them matching; empty means every node)
 * @param bfdProfile            the BFDProfile to run on the session
 * @param enableGracefulRestart true for graceful restart (RFC 4724)
 * @param vrf                   the host VRF, empty for the default one
 * @param dualStackAddressFamily true to send both families over this session
 */
public record PeerConfig(String name, long myAsn, long peerAsn, Optional<DynamicAsn> dynamicAsn, long localAsn,
                         Optional<IpAddress> peerAddress, Optional<String> iface, int peerPort,
                         Optional<IpAddress> sourceAddress, Optional<IpAddress> routerId, Duration holdTime,
                         Duration keepaliveTime, Optional<Duration> connectTime, boolean ebgpMultiHop,
                         Optional<String> password, Optional<String> passwordSecret, List<LabelSelector> nodeSelectors,
                         Optional<String> bfdProfile, boolean enableGracefulRestart, Optional<String> vrf,
                         boolean dualStackAddressFamily) {

    /** The default BGP port. */
    public static final int DEFAULT_PORT = 179;

    /** How the peer's AS is found when {@code peerASN} is not given. */
    public enum DynamicAsn {
        /** The peer must be in this side's AS. */
        INTERNAL,
        /** The peer must be in another AS. */
        EXTERNAL
    }

    public PeerConfig {
        Objects.requireNonNull(name, "name");
        nodeSelectors = List.copyOf(nodeSelectors);
        if (peerAddress.isPresent() == iface.isPresent()) {
            throw new IllegalArgumentException("a peer has exactly one of peerAddress and interface");
        }
    }

    /** This peer with {@code routerID} set to {@code id} (the default the announcer fills in). */
    public PeerConfig withRouterId(IpAddress id) {
        return new PeerConfig(name, myAsn, peerAsn, dynamicAsn, localAsn, peerAddress, iface, peerPort, sourceAddress,
                Optional.of(id), holdTime, keepaliveTime, connectTime, ebgpMultiHop, password, passwordSecret,
                nodeSelectors, bfdProfile, enableGracefulRestart, vrf, dualStackAddressFamily);
    }

    /** The AS number the peer sees: {@code localASN} if set, else {@code myASN}. */
    public long effectiveLocalAsn() {
        return localAsn != 0 ? localAsn : myAsn;
    }

    /** True for an iBGP session (LOCAL_PREF is sent only on those, RFC 4271 section 5.1.5). */
    public boolean internal() {
        return dynamicAsn.map(d -> d == DynamicAsn.INTERNAL).orElse(peerAsn == effectiveLocalAsn());
    }

    /** True if this node peers with this peer. */
    public boolean selectsNode(Map<String, String> nodeLabels) {
        return LabelSelectors.anyMatches(nodeSelectors, nodeLabels);
    }
}
