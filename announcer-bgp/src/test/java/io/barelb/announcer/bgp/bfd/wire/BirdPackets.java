package io.barelb.announcer.bgp.bfd.wire;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/** The BFD packets BIRD 2 sent in a lab capture ({@code bird-packets.txt}, which says how it was made). */
final class BirdPackets {

    private BirdPackets() {
    }

    /** Fixture name to UDP payload, in file order. */
    static Map<String, byte[]> all() {
        try (InputStream in = BirdPackets.class.getResourceAsStream("bird-packets.txt")) {
            Map<String, byte[]> packets = new LinkedHashMap<>();
            new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> {
                        String[] parts = line.split(" ", 3);
                        packets.put(parts[0], HexFormat.of().parseHex(parts[1]));
                    });
            return packets;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] get(String name) {
        byte[] packet = all().get(name);
        if (packet == null) {
            throw new IllegalArgumentException("no fixture " + name + " in bird-packets.txt");
        }
        return packet;
    }
}
