package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.Optional;
import java.util.Set;

/**
 * Decides, for one frame received on one interface, whether and how to answer it. Pure: no I/O, no state, so
 * every rule is testable from bytes alone; thread-safe.
 *
 * <p>Rules (after MetalLB's {@code internal/layer2}, RFC 826 and RFC 4861 §7.2):
 * <ul>
 *   <li>frames sent by this interface itself are ignored (the capture sees our own gratuitous requests);</li>
 *   <li>ARP: only requests, sent to broadcast or to the interface's MAC, whose target protocol address is owned;
 *       the reply goes to the requester's hardware address with the interface's MAC;</li>
 *   <li>NDP: only neighbor solicitations for an owned target, sent to the target's solicited-node group or to
 *       the target itself; the advertisement has Solicited and Override set (we are the owner, so a client must
 *       replace a stale entry pointing at the previous owner) and a target link-layer option with our MAC;
 *       duplicate address detection probes (unspecified source) are not answered;</li>
 *   <li>anything broken is {@link Verdict.Malformed}, anything else {@link Verdict.Ignored}; never an exception.</li>
 * </ul>
 */
final class Responder {

    private Responder() {
    }

    /**
     * The verdict for {@code frame} received on an interface whose MAC is {@code interfaceMac} and on which the
     * addresses {@code owned} are announced.
     */
    static Verdict decide(byte[] frame, MacAddress interfaceMac, Set<IpAddress> owned) {
        try {
            EthernetHeader ethernet = EthernetHeader.decode(frame);
            if (ethernet.source().equals(interfaceMac)) {
                return new Verdict.Ignored("sent by this interface");
            }
            return switch (ethernet.etherType()) {
                case EthernetHeader.ETHERTYPE_ARP -> decideArp(ethernet, ArpPacket.decode(frame, EthernetHeader.LENGTH),
                        interfaceMac, owned);
                case EthernetHeader.ETHERTYPE_IPV6 -> decideNdp(ethernet, NdpPacket.decode(frame, EthernetHeader.LENGTH),
                        interfaceMac, owned);
                default -> new Verdict.Ignored("EtherType 0x" + Integer.toHexString(ethernet.etherType()));
            };
        } catch (MalformedFrameException e) {
            return new Verdict.Malformed(e.getMessage());
        } catch (RuntimeException e) {
            // a codec bug must not stop the responder: report the frame as malformed, with the bug's message
            return new Verdict.Malformed("unexpected " + e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private static Verdict decideArp(EthernetHeader ethernet, ArpPacket arp, MacAddress interfaceMac,
                                     Set<IpAddress> owned) {
        if (arp.operation() != ArpPacket.REQUEST) {
            return new Verdict.Ignored("ARP operation " + arp.operation());
        }
        if (!owned.contains(arp.targetProtocolAddress())) {
            return new Verdict.Ignored("ARP request for " + arp.targetProtocolAddress() + ", not ours");
        }
        if (!ethernet.destination().isBroadcast() && !ethernet.destination().equals(interfaceMac)) {
            return new Verdict.Ignored("ARP request sent to " + ethernet.destination());
        }
        ArpPacket reply = new ArpPacket(ArpPacket.REPLY, interfaceMac, arp.targetProtocolAddress(),
                arp.senderHardwareAddress(), arp.senderProtocolAddress());
        return new Verdict.Answer(arp.targetProtocolAddress(), reply.toFrame(arp.senderHardwareAddress(), interfaceMac));
    }

    private static Verdict decideNdp(EthernetHeader ethernet, Optional<NdpPacket> decoded, MacAddress interfaceMac,
                                     Set<IpAddress> owned) {
        if (decoded.isEmpty()) {
            return new Verdict.Ignored("IPv6 but not neighbor discovery");
        }
        NdpPacket packet = decoded.get();
        if (!(packet.message() instanceof NdpMessage.NeighborSolicitation solicitation)) {
            return new Verdict.Ignored("neighbor advertisement");
        }
        IpAddress target = solicitation.target();
        if (!owned.contains(target)) {
            return new Verdict.Ignored("neighbor solicitation for " + target + ", not ours");
        }
        IpAddress group = NdpPacket.solicitedNodeGroup(target);
        boolean toGroup = packet.destination().equals(group)
                && ethernet.destination().equals(MacAddress.ipv6Multicast(group.toBytes()));
        boolean toTarget = packet.destination().equals(target) && ethernet.destination().equals(interfaceMac);
        if (!toGroup && !toTarget) {
            return new Verdict.Ignored("neighbor solicitation sent to " + packet.destination());
        }
        if (packet.source().high() == 0 && packet.source().low() == 0) {
            return new Verdict.Ignored("duplicate address detection probe for " + target);
        }
        MacAddress requester = solicitation.sourceLinkLayerAddress().orElse(ethernet.source());
        NdpPacket reply = new NdpPacket(target, packet.source(), 255,
                new NdpMessage.NeighborAdvertisement(false, true, true, target, Optional.of(interfaceMac)));
        return new Verdict.Answer(target, reply.toFrame(requester, interfaceMac));
    }
}
