package io.barelb.tck;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barelb.api.net.IpAddress;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A BIRD 2 daemon for a plugin's tests: a peer that learns what a BGP announcer sends, or the node's own routing
 * daemon. It runs in the test's network namespace with the configuration the test writes, in a folder of its own,
 * its output in files (so the test process holds no pipe to it), and is stopped by {@link #close()}. Needs the
 * commands {@code bird} and {@code birdc} (Debian package {@code bird2}): without them the test is skipped, and fails
 * under {@code CI=true}.
 */
public final class Bird implements AutoCloseable {

    private static final Pattern ROUTE = Pattern.compile("^(\\S+)/(\\d+)\\s+\\S+\\s+\\[(\\S+)\\s", Pattern.MULTILINE);

    private final Path folder;
    private final Path socket;
    private Process process;

    private Bird(Path folder) {
        this.folder = folder;
        this.socket = folder.resolve("bird.ctl");
    }

    /**
     * Writes {@code config} as {@code bird.conf} in a new folder, and each of {@code files} (name to content) beside it,
     * and starts BIRD on it; returns once its control socket answers. {@code %FOLDER%} in {@code config} stands for
     * that folder (for include files).
     */
    public static Bird start(String config, java.util.Map<String, String> files) throws IOException {
        requireCommands("bird", "birdc");
        Bird bird = new Bird(Files.createTempDirectory("tck-bird-"));
        for (java.util.Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(bird.folder.resolve(file.getKey()), file.getValue());
        }
        Files.writeString(bird.folder.resolve("bird.conf"), config.replace("%FOLDER%", bird.folder.toString()));
        bird.start();
        return bird;
    }

    /** The folder holding {@code bird.conf}, the control socket and the logs. */
    public Path folder() {
        return folder;
    }

    /** The control socket, for {@code birdc -s SOCKET ...}. */
    public Path socket() {
        return socket;
    }

    /** Starts BIRD again after {@link #stop()} (a daemon that comes back), waiting until it answers. */
    public void start() throws IOException {
        process = new ProcessBuilder("bird", "-f", "-c", folder.resolve("bird.conf").toString(), "-s", socket.toString(),
                "-P", folder.resolve("bird.pid").toString())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .redirectErrorStream(true).redirectOutput(folder.resolve("bird.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            try {
                birdc("show", "status");
                return;
            } catch (IOException notYet) {
                if (System.nanoTime() > deadline || !process.isAlive()) {
                    throw new IOException("BIRD did not start: " + Files.readString(folder.resolve("bird.log")), notYet);
                }
                pause();
            }
        }
    }

    /** Stops BIRD, as a daemon that crashed or was stopped. */
    public void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    /** Runs {@code birdc -s SOCKET args...} and returns its output; an exit other than 0 is an IOException. */
    public String birdc(String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of("birdc", "-s", socket.toString()));
        command.addAll(List.of(args));
        Path out = folder.resolve("birdc.out");
        try {
            Process birdc = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            if (!birdc.waitFor(10, TimeUnit.SECONDS)) {
                birdc.destroyForcibly();
                throw new IOException("birdc " + String.join(" ", args) + " did not answer within 10 s");
            }
            String text = Files.readString(out, StandardCharsets.UTF_8);
            if (birdc.exitValue() != 0) {
                throw new IOException("birdc " + String.join(" ", args) + ": " + text.strip());
            }
            return text;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while birdc ran", e);
        }
    }

    /** The addresses of the host routes ({@code /32}, {@code /128}) of protocols named {@code protocols...}. */
    public Set<IpAddress> hostRoutes(String... protocols) throws IOException {
        Set<String> wanted = Set.of(protocols);
        Set<IpAddress> routes = new TreeSet<>();
        Matcher matcher = ROUTE.matcher(birdc("show", "route"));
        while (matcher.find()) {
            IpAddress address = IpAddress.tryParse(matcher.group(1));
            if (address != null && wanted.contains(matcher.group(3))
                    && Integer.parseInt(matcher.group(2)) == address.family().bits()) {
                routes.add(address);
            }
        }
        return routes;
    }

    /** Stops BIRD and removes its folder. */
    @Override
    public void close() throws IOException, InterruptedException {
        stop();
        try (Stream<Path> files = Files.walk(folder)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    /** Skips (by hand) or fails (under {@code CI=true}) unless every command is on the PATH. */
    public static void requireCommands(String... commands) {
        for (String command : commands) {
            boolean found = Stream.of((System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin").split(":"))
                    .anyMatch(dir -> !dir.isEmpty() && Files.isExecutable(Path.of(dir, command)));
            if (!found && "true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("CI=true and the command '" + command + "' is missing, so this test cannot be skipped");
            }
            assumeTrue(found, "needs the command '" + command + "' (Debian package bird2)");
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
