package io.barelb.distribution;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipalLookupService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * FRR as a lab's router: zebra, bfdd and bgpd (Debian's {@code frr} package) in one network namespace, under an
 * FRR pathspace of their own ({@code -N}: sockets and pid files in {@code /var/run/frr/PATHSPACE}, so labs and a
 * host's FRR never meet), started without a configuration; the integrated {@code frr.conf} is then applied by
 * {@code vtysh -b}, as FRR's own boot does. The daemons are {@code processes}' (logs {@code frr-DAEMON.log},
 * killed when it closes); closing this removes the pathspace folder.
 */
final class FrrRouter implements AutoCloseable {

    private static final Path DAEMONS = Path.of("/usr/lib/frr");
    private static final List<String> STARTED = List.of("zebra", "bfdd", "bgpd");

    private final String pathspace;
    private final Path runDir;
    private final Path configDir;

    private FrrRouter(String pathspace, Path configDir) {
        this.pathspace = pathspace;
        this.runDir = Path.of("/var/run/frr", pathspace);
        this.configDir = configDir;
    }

    /** Skips (by hand) or fails (CI) unless FRR's daemons and vtysh are installed. */
    static void require() {
        Requirements.require(STARTED.stream().allMatch(d -> Files.isExecutable(DAEMONS.resolve(d))),
                "needs FRR's daemons in " + DAEMONS + " (apt-get install frr; installed by .ci/run)");
        Requirements.requireCommands("vtysh");
    }

    /** Starts the daemons in {@code ns} and applies {@code frrConf}; on failure removes what it made. */
    static FrrRouter start(NetnsLab processes, String ns, String pathspace, Path frrConf) throws IOException,
            InterruptedException {
        FrrRouter router = new FrrRouter(pathspace, processes.dir().resolve("frr-etc"));
        try {
            router.startDaemons(processes, ns);
            router.apply(frrConf);
            return router;
        } catch (IOException | RuntimeException | InterruptedException e) {
            router.close();
            throw e;
        }
    }

    private void startDaemons(NetnsLab processes, String ns) throws IOException, InterruptedException {
        Files.createDirectories(runDir);
        UserPrincipalLookupService users = FileSystems.getDefault().getUserPrincipalLookupService();
        Files.setOwner(runDir, users.lookupPrincipalByName("frr")); // the daemons drop to user frr
        for (String daemon : STARTED) {
            processes.start("frr-" + daemon, ns, Map.of(), List.of(DAEMONS.resolve(daemon).toString(), "-N", pathspace,
                    "-f", "/dev/null", "-i", runDir.resolve(daemon + ".pid").toString(), "--log", "stdout"));
            Path vty = runDir.resolve(daemon + ".vty");
            NetnsLab.await(Duration.ofSeconds(10), daemon + "'s vty socket " + vty, () -> Files.exists(vty),
                    () -> processes.log("frr-" + daemon + ".log"));
        }
    }

    /** {@code vtysh -b} with the configuration folder holding {@code frrConf} as {@code frr.conf}. */
    private void apply(Path frrConf) throws IOException {
        Path dir = configDir.resolve(pathspace); // vtysh adds the pathspace to --config_dir
        Files.createDirectories(dir);
        Files.copy(frrConf, dir.resolve("frr.conf"));
        Files.writeString(dir.resolve("vtysh.conf"), "");
        String output = NetnsLab.run("vtysh", "-N", pathspace, "--config_dir", configDir.toString(), "-b");
        if (output.lines().anyMatch(l -> l.contains("% "))) {
            throw new IOException("vtysh refused part of " + frrConf + ":\n" + output);
        }
    }

    /** Runs {@code commands} ({@code -c} each) with vtysh and returns the output, whatever the exit code. */
    String vtysh(String... commands) {
        List<String> line = new ArrayList<>(List.of("vtysh", "-N", pathspace, "--config_dir", configDir.toString()));
        for (String command : commands) {
            line.add("-c");
            line.add(command);
        }
        try {
            Process process = new ProcessBuilder(line).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            process.waitFor(10, TimeUnit.SECONDS);
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while vtysh ran", e);
        }
    }

    @Override
    public void close() {
        if (!Files.exists(runDir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(runDir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException ignored) {
            // the daemons' sockets only
        }
    }
}
