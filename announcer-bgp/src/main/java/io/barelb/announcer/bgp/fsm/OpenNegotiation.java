package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.Octets;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * This side's OPEN, and the judgement of the peer's (RFC 4271 §6.2, RFC 5492, RFC 6793, RFC 6286). Pure and
 * stateless; never throws for a bad OPEN: a rejection carries the NOTIFICATION §6.2 prescribes.
 */
public final class OpenNegotiation {

    /** The result of judging the peer's OPEN. */
    public sealed interface Outcome permits Accepted, Rejected {
    }

    /** The OPEN is acceptable. */
    public record Accepted(Negotiated negotiated) implements Outcome {
    }

    /** The OPEN is refused with {@code notification}; {@code reason} is the log line. */
    public record Rejected(NotificationMessage notification, String reason) implements Outcome {
    }

    private OpenNegotiation() {
    }

    /**
     * The OPEN this side sends at {@code now}: capabilities multiprotocol per family, route refresh, 4-octet AS,
     * graceful restart.
     */
    public static OpenMessage localOpen(SessionSettings settings, Instant now) {
        List<Capability> capabilities = new ArrayList<>();
        for (AddressFamily family : settings.families()) {
            capabilities.add(new Capability.Multiprotocol(family));
        }
        capabilities.add(new Capability.RouteRefresh());
        capabilities.add(new Capability.FourOctetAs(settings.localAsn()));
        if (settings.gracefulRestart()) {
            // RFC 4724 §3: R set within the restart window after the process started (SessionSettings); F set for
            // every family: the forwarding of the announced addresses is the node's (kube-proxy), not this
            // process's, and goes on while the speaker restarts, so the peer may keep forwarding to us
            List<Capability.GracefulRestart.Family> families = settings.families().stream()
                    .map(f -> new Capability.GracefulRestart.Family(f, true)).toList();
            capabilities.add(new Capability.GracefulRestart(settings.restarting(now), settings.restartTimeSeconds(),
                    families));
        }
        return OpenMessage.of(settings.localAsn(), (int) settings.holdTime().getSeconds(), settings.routerId(),
                capabilities);
    }

    /** Judges the peer's OPEN against {@code settings} (and this side's OPEN built from them). */
    public static Outcome judge(OpenMessage peer, SessionSettings settings) {
        if (peer.version() != OpenMessage.VERSION) {
            // §6.2: the data is the largest version this side supports, 2 octets
            return reject(BgpError.UNSUPPORTED_VERSION_NUMBER, Octets.of((byte) 0, (byte) OpenMessage.VERSION),
                    "peer speaks BGP version " + peer.version() + ", this speaker version 4");
        }
        Optional<Capability.FourOctetAs> fourOctet = peer.capability(Capability.FourOctetAs.class);
        long peerAs = peer.autonomousSystem();
        if (fourOctet.isEmpty() && peer.myAutonomousSystem() == OpenMessage.AS_TRANS) {
            // RFC 6793 §4.1: AS_TRANS stands for a 4-octet ASN, which a speaker without the capability cannot have
            return reject(BgpError.BAD_PEER_AS, asField(peer), "peer sent AS_TRANS without the 4-octet AS capability");
        }
        if (peerAs == 0 || !settings.peerAs().accepts(peerAs, settings.localAsn())) {
            return reject(BgpError.BAD_PEER_AS, asField(peer), "peer is AS" + peerAs + ", expected "
                    + settings.peerAs());
        }
        int peerHold = peer.holdTimeSeconds();
        if (peerHold == 1 || peerHold == 2) {
            return reject(BgpError.UNACCEPTABLE_HOLD_TIME, Octets.EMPTY,
                    "peer proposed hold time " + peerHold + " s (0 or at least 3 s)");
        }
        IpAddress peerId = peer.bgpIdentifier();
        boolean internal = peerAs == settings.localAsn();
        if (peerId.equals(IpAddress.ipv4(0))) {
            return reject(BgpError.BAD_BGP_IDENTIFIER, Octets.EMPTY, "peer's BGP identifier is 0.0.0.0");
        }
        if (internal && peerId.equals(settings.routerId())) {
            // RFC 6286 §2.2: unique within the AS
            return reject(BgpError.BAD_BGP_IDENTIFIER, Octets.EMPTY,
                    "iBGP peer uses this side's BGP identifier " + peerId);
        }
        return new Accepted(negotiate(peer, settings, peerAs, internal));
    }

    private static Negotiated negotiate(OpenMessage peer, SessionSettings settings, long peerAs, boolean internal) {
        long hold = Math.min(settings.holdTime().getSeconds(), peer.holdTimeSeconds());
        long keepalive = 0;
        if (hold > 0) {
            long third = Math.max(1, hold / 3);
            keepalive = settings.keepaliveTime().map(Duration::getSeconds).filter(k -> k > 0)
                    .map(k -> Math.min(k, third)).orElse(third);
        }
        List<AddressFamily> peerFamilies = peer.multiprotocolFamilies();
        if (peerFamilies.isEmpty()) {
            // RFC 4760 §8 / RFC 4271: a speaker without the capability speaks IPv4 unicast only
            peerFamilies = List.of(AddressFamily.IPV4_UNICAST);
        }
        List<AddressFamily> families = new ArrayList<>();
        for (AddressFamily family : settings.families()) {
            if (peerFamilies.contains(family)) {
                families.add(family);
            }
        }
        boolean refresh = peer.capability(Capability.RouteRefresh.class).isPresent();
        boolean fourOctet = peer.capability(Capability.FourOctetAs.class).isPresent();
        Optional<Capability.GracefulRestart> restart = settings.gracefulRestart()
                ? peer.capability(Capability.GracefulRestart.class) : Optional.empty();
        return new Negotiated(peerAs, peer.bgpIdentifier(), internal, Duration.ofSeconds(hold),
                Duration.ofSeconds(keepalive), fourOctet, families, refresh, restart);
    }

    private static Octets asField(OpenMessage peer) {
        int as = peer.myAutonomousSystem();
        return Octets.of((byte) (as >> 8), (byte) as);
    }

    private static Rejected reject(BgpError error, Octets data, String reason) {
        return new Rejected(NotificationMessage.of(error, data), reason);
    }
}
