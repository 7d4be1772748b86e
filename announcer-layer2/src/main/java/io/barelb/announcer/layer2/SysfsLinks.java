package io.barelb.announcer.layer2;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Reads the interfaces of the current network namespace from {@code /sys/class/net} (sysfs reflects the
 * namespace it was mounted in; {@code ip netns exec} remounts it). Cheap enough to poll every 100 ms.
 * Thread-safe; a half-removed interface is skipped, never an error.
 */
final class SysfsLinks {

    private static final int ARPHRD_ETHER = 1;
    private static final int IFF_UP = 0x1;
    private static final int IFF_BROADCAST = 0x2;
    private static final int IFF_LOOPBACK = 0x8;
    private static final int IFF_RUNNING = 0x40;
    private static final int IFF_NOARP = 0x80;

    private final Path root;

    SysfsLinks(Path root) {
        this.root = root;
    }

    /** The system's {@code /sys/class/net}. */
    static SysfsLinks system() {
        return new SysfsLinks(Path.of("/sys/class/net"));
    }

    /** Every interface, by name. */
    Map<String, Link> read() {
        Map<String, Link> links = new TreeMap<>();
        try (Stream<Path> entries = Files.list(root)) {
            entries.forEach(dir -> {
                Link link = readOne(dir);
                if (link != null) {
                    links.put(link.name(), link);
                }
            });
        } catch (IOException e) {
            return Map.of();
        }
        return links;
    }

    private static Link readOne(Path dir) {
        try {
            String name = dir.getFileName().toString();
            int type = Integer.parseInt(text(dir.resolve("type")));
            int flags = Integer.decode(text(dir.resolve("flags")));
            String operstate = text(dir.resolve("operstate"));
            MacAddress mac = MacAddress.parse(text(dir.resolve("address")));
            boolean enslaved = Files.exists(dir.resolve("master"));
            boolean up = "up".equals(operstate)
                    || ("unknown".equals(operstate) && (flags & (IFF_UP | IFF_RUNNING)) == (IFF_UP | IFF_RUNNING));
            boolean suitable = type == ARPHRD_ETHER && (flags & IFF_BROADCAST) != 0 && (flags & IFF_NOARP) == 0
                    && (flags & IFF_LOOPBACK) == 0 && !enslaved;
            return new Link(name, mac, up, suitable);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static String text(Path file) throws IOException {
        return new String(Files.readAllBytes(file), StandardCharsets.US_ASCII).trim();
    }
}
