package io.barelb.announcer.bgp;

import io.barelb.api.net.IpAddress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A BIRD 2 router listening on 127.0.0.2 at a port of the test's choosing, passive, learning what the announcer
 * under test sends from 127.0.0.1: the peer whose routing table says what is announced. Output goes to files, so
 * the test process holds no pipe to it.
 */
final class LoopbackBird implements AutoCloseable {

    static final String ADDRESS = "127.0.0.2";
    private static final Pattern PREFIX = Pattern.compile("^(\\d+\\.\\d+\\.\\d+\\.\\d+)/32\\s", Pattern.MULTILINE);

    private final Path folder;
    private final Path socket;
    private final Process bird;

    LoopbackBird(int port, int speakerAs, int routerAs) throws IOException {
        folder = Files.createTempDirectory("tk-bird-");
        socket = folder.resolve("bird.ctl");
        Path config = folder.resolve("bird.conf");
        Files.writeString(config, """
                router id 198.51.100.254;
                protocol device { }
                protocol bgp speaker {
                  local %s port %d as %d;
                  neighbor 127.0.0.1 as %d;
                  passive on;
                  multihop;
                  ipv4 { import all; export none; next hop keep; gateway recursive; };
                }
                """.formatted(ADDRESS, port, routerAs, speakerAs));
        bird = new ProcessBuilder("bird", "-f", "-c", config.toString(), "-s", socket.toString(),
                "-P", folder.resolve("bird.pid").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(folder.resolve("bird.log").toFile()).start();
    }

    /** The /32 prefixes BIRD has learned from the announcer now (an empty set while BIRD starts). */
    Set<IpAddress> learned() throws IOException, InterruptedException {
        Path out = folder.resolve("birdc.out");
        Process birdc = new ProcessBuilder("birdc", "-s", socket.toString(), "show", "route", "protocol", "speaker")
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!birdc.waitFor(10, TimeUnit.SECONDS)) {
            birdc.destroyForcibly();
            throw new IOException("birdc did not answer within 10 s");
        }
        String text = Files.readString(out, StandardCharsets.UTF_8);
        if (birdc.exitValue() != 0 || text.contains("Unable to connect")) {
            throw new IOException("birdc: " + text.strip());
        }
        Set<IpAddress> prefixes = new TreeSet<>();
        Matcher matcher = PREFIX.matcher(text);
        while (matcher.find()) {
            prefixes.add(IpAddress.parse(matcher.group(1)));
        }
        return prefixes;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        bird.destroy();
        if (!bird.waitFor(5, TimeUnit.SECONDS)) {
            bird.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }
}
