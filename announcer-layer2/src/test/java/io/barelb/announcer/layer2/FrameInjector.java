package io.barelb.announcer.layer2;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;

/** Test tool: sends the frames of a file (one hex frame per line) out of an interface. {@code FrameInjector IF FILE}. */
public final class FrameInjector {

    private FrameInjector() {
    }

    public static void main(String[] args) throws Exception {
        try (PacketIo.Handle handle = new Pcap4jPacketIo().open(args[0])) {
            int sent = 0;
            for (String line : Files.readAllLines(Path.of(args[1]))) {
                if (!line.isBlank()) {
                    handle.send(HexFormat.of().parseHex(line.trim()));
                    sent++;
                }
            }
            System.out.println("sent " + sent + " frames on " + args[0]);
        }
    }
}
