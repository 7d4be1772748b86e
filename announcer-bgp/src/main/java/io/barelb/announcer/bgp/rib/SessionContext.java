package io.barelb.announcer.bgp.rib;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one established session decides about the UPDATEs sent on it. Immutable.
 *
 * @param localAsn   the AS shown to the peer (prepended to AS_PATH for eBGP)
 * @param internal   iBGP: empty AS_PATH and LOCAL_PREF (RFC 4271 §5.1.2, §5.1.5)
 * @param nextHopV4  NEXT_HOP for IPv4 routes (the node's address or {@code sourceAddress})
 * @param nextHopV6  the MP_REACH_NLRI next hop for IPv6 routes; without one IPv6 routes are not sent
 * @param families   the families negotiated on the session
 * @param options    the session's encoding (2- or 4-octet AS_PATH)
 */
public record SessionContext(long localAsn, boolean internal, Optional<IpAddress> nextHopV4,
        Optional<IpAddress> nextHopV6, List<AddressFamily> families, CodecOptions options) {

    public SessionContext {
        Objects.requireNonNull(nextHopV4, "nextHopV4");
        Objects.requireNonNull(nextHopV6, "nextHopV6");
        Objects.requireNonNull(options, "options");
        families = List.copyOf(families);
        nextHopV4.ifPresent(a -> require(a.isIpv4(), "the IPv4 next hop " + a + " is not IPv4"));
        nextHopV6.ifPresent(a -> require(!a.isIpv4(), "the IPv6 next hop " + a + " is not IPv6"));
    }

    /** The family of {@code address}'s routes. */
    static AddressFamily familyOf(IpAddress address) {
        return address.isIpv4() ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST;
    }

    /** True if routes of this family can go out on the session: negotiated, with a next hop. */
    public boolean sends(AddressFamily family) {
        if (!families.contains(family)) {
            return false;
        }
        return family.equals(AddressFamily.IPV4_UNICAST) ? nextHopV4.isPresent() : nextHopV6.isPresent();
    }

    private static void require(boolean valid, String message) {
        if (!valid) {
            throw new IllegalArgumentException(message);
        }
    }
}
