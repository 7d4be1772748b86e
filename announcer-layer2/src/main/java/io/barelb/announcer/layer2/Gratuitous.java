package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * The frames that tell a segment at once that an address has moved to this interface: for IPv4 a gratuitous
 * ARP request and reply, both broadcast with sender = target = the address (RFC 5227 §3 "ARP announcement");
 * for IPv6 an unsolicited neighbor advertisement to all-nodes ff02::1 with Override set (RFC 4861 §7.2.6).
 */
final class Gratuitous {

    private static final IpAddress ALL_NODES = IpAddress.ipv6(0xFF02_0000_0000_0000L, 1);

    private Gratuitous() {
    }

    /** The frames announcing {@code address} at {@code mac}: two for IPv4, one for IPv6. */
    static List<byte[]> frames(IpAddress address, MacAddress mac) {
        if (address.isIpv4()) {
            byte[] request = new ArpPacket(ArpPacket.REQUEST, mac, address, MacAddress.ZERO, address)
                    .toFrame(MacAddress.BROADCAST, mac);
            byte[] reply = new ArpPacket(ArpPacket.REPLY, mac, address, MacAddress.BROADCAST, address)
                    .toFrame(MacAddress.BROADCAST, mac);
            return List.of(request, reply);
        }
        NdpPacket advertisement = new NdpPacket(address, ALL_NODES, 255,
                new NdpMessage.NeighborAdvertisement(false, false, true, address, Optional.of(mac)));
        return List.of(advertisement.toFrame(MacAddress.ipv6Multicast(ALL_NODES.toBytes()), mac));
    }
}
