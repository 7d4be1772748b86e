package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings and peer OPENs shared by the FSM tests. */
final class Sessions {

    static final IpAddress LOCAL_ID = IpAddress.parse("192.0.2.1");
    static final IpAddress PEER_ID = IpAddress.parse("192.0.2.2");
    static final List<AddressFamily> BOTH = List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);

    private Sessions() {
    }

    /** eBGP AS64512 to AS64513, hold 90 s, connect retry 1 s up to 30 s. */
    static SessionSettings ebgp() {
        return new SessionSettings(64512, ExpectedPeerAs.exactly(64513), LOCAL_ID, Duration.ofSeconds(90),
                Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(30), BOTH, false, 120);
    }

    /** An OPEN from AS64513 with every capability, proposing {@code hold}. */
    static OpenMessage peerOpen(int hold) {
        return OpenMessage.of(64513, hold, PEER_ID, List.of(new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST),
                new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST), new Capability.RouteRefresh(),
                new Capability.FourOctetAs(64513)));
    }

    /** Takes {@code h} to Established with a peer proposing {@code hold}. */
    static void establish(FsmHarness h, int hold) {
        h.fire(new FsmEvent.ManualStart());
        h.fire(new FsmEvent.TcpConnectionConfirmed());
        h.fire(new FsmEvent.BgpOpen(peerOpen(hold)));
        h.fire(new FsmEvent.KeepAliveMsg());
    }
}
