package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * What the two OPENs of a session agreed on (RFC 4271 §4.2, RFC 5492). Immutable.
 *
 * @param peerAsn            the peer's AS (from the 4-octet AS capability when it sent one)
 * @param peerId             the peer's BGP identifier
 * @param internal           iBGP: the peer is in this side's AS
 * @param holdTime           the smaller of the two hold times; zero means no keepalives and no hold timer
 * @param keepaliveTime      zero when {@code holdTime} is
 * @param fourOctetAs        both sides sent the 4-octet AS capability (RFC 6793)
 * @param families           the families both sides announced; IPv4 unicast alone if the peer sent no
 *                           multiprotocol capability (RFC 4760 §8)
 * @param routeRefresh       both sides support ROUTE-REFRESH (RFC 2918)
 * @param peerGracefulRestart the peer's graceful restart capability (RFC 4724), if it sent one and this side did too
 */
public record Negotiated(long peerAsn, IpAddress peerId, boolean internal, Duration holdTime, Duration keepaliveTime,
        boolean fourOctetAs, List<AddressFamily> families, boolean routeRefresh,
        Optional<Capability.GracefulRestart> peerGracefulRestart) {

    public Negotiated {
        families = List.copyOf(families);
    }

    /** How messages of this session are encoded. */
    public CodecOptions codecOptions() {
        return fourOctetAs ? CodecOptions.FOUR_OCTET_AS : CodecOptions.TWO_OCTET_AS;
    }

    /** True if UPDATEs of {@code family} may be sent. */
    public boolean carries(AddressFamily family) {
        return families.contains(family);
    }
}
