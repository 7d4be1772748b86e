package io.barelb.announcer.bgp;

import io.barelb.api.net.IpAddress;
import java.util.Optional;

/** Local addresses for announcers whose peers listen on loopback: every peer is reached from 127.0.0.1. */
final class LoopbackAddresses implements LocalAddresses {

    static final IpAddress LOOPBACK = IpAddress.parse("127.0.0.1");

    @Override
    public Optional<IpAddress> toward(IpAddress peer) {
        return Optional.of(LOOPBACK);
    }

    @Override
    public Optional<IpAddress> ipv6Beside(IpAddress ipv4) {
        return Optional.empty();
    }

    @Override
    public Optional<IpAddress> anyIpv4() {
        return Optional.of(LOOPBACK);
    }
}
