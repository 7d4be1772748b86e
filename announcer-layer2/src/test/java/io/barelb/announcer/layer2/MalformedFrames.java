package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Broken ARP and neighbor solicitation frames for the VIPs of the lab, made from valid ones by seeded mutations
 * (truncation, wrong lengths, bad checksums, zero-length options, wrong hop limit, random bytes). Each returned
 * frame is one the responder classifies as malformed.
 */
final class MalformedFrames {

    static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:64");

    private MalformedFrames() {
    }

    static byte[] validArpRequest() {
        return new ArpPacket(ArpPacket.REQUEST, CLIENT, IpAddress.parse("192.0.2.100"), MacAddress.ZERO,
                IpAddress.parse(MiniSpeakerLab.VIP)).toFrame(MacAddress.BROADCAST, CLIENT);
    }

    static byte[] validNeighborSolicitation() {
        IpAddress target = IpAddress.parse(MiniSpeakerLab.VIP6);
        IpAddress group = NdpPacket.solicitedNodeGroup(target);
        return new NdpPacket(IpAddress.parse("2001:db8::100"), group, 255,
                new NdpMessage.NeighborSolicitation(target, Optional.of(CLIENT)))
                .toFrame(MacAddress.ipv6Multicast(group.toBytes()), CLIENT);
    }

    static List<byte[]> frames(Random random, int count) {
        List<byte[]> frames = new ArrayList<>();
        while (frames.size() < count) {
            byte[] frame = mutate(random, random.nextBoolean() ? validArpRequest() : validNeighborSolicitation());
            if (Responder.decide(frame, MacAddress.parse(MiniSpeakerLab.nodeMac(1)), java.util.Set.of(
                    IpAddress.parse(MiniSpeakerLab.VIP), IpAddress.parse(MiniSpeakerLab.VIP6))) instanceof Verdict.Malformed) {
                frames.add(frame);
            }
        }
        return frames;
    }

    static List<String> hexLines(Random random, int count) {
        return frames(random, count).stream().map(HexFormat.of()::formatHex).toList();
    }

    private static byte[] mutate(Random random, byte[] valid) {
        boolean arp = valid.length == 42;
        switch (random.nextInt(5)) {
            case 0 -> {
                return Arrays.copyOf(valid, 14 + random.nextInt(valid.length - 14));
            }
            case 1 -> {
                byte[] copy = valid.clone();
                copy[arp ? 18 : 14 + 7] = (byte) (arp ? 5 + random.nextInt(1) : random.nextInt(255));
                return copy;
            }
            case 2 -> {
                byte[] copy = valid.clone();
                int at = 14 + (arp ? 0 : 40 + 2) + random.nextInt(2);
                copy[at] ^= (byte) (1 + random.nextInt(255));
                return copy;
            }
            case 3 -> {
                if (arp) {
                    byte[] copy = valid.clone();
                    copy[19] = (byte) (random.nextInt(3) + 5);
                    return copy;
                }
                byte[] copy = valid.clone();
                copy[14 + 40 + 25] = 0;
                return copy;
            }
            default -> {
                byte[] copy = new byte[14 + random.nextInt(80)];
                random.nextBytes(copy);
                System.arraycopy(valid, 0, copy, 0, 14);
                return copy;
            }
        }
    }
}
