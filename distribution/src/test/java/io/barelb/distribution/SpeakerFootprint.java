package io.barelb.distribution;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.function.BooleanSupplier;

/**
 * The assembled speaker's footprint in the static-files BGP lab ({@link ScaleFiles}, {@link BirdLab}, prefix
 * {@code fp}): with N Services already in the folder, {@code bin/barelb speaker} is started with a {@link JvmVariant};
 * the figures are from just before the process starts to the first route in BIRD (start-up to first announcement)
 * and to all N routes in both of BIRD's tables, then the process's memory a settle time later (and its RSS each second
 * meanwhile, and the CPU it used then). The speaker is
 * killed and BIRD's sessions restarted after each run.
 */
final class SpeakerFootprint implements AutoCloseable {

    private static final Duration PATIENCE = Duration.ofSeconds(180);
    private static final String[] TABLES = {"t_tor_a", "t_tor_b"};

    /** One start of the speaker. */
    record Run(JvmVariant variant, int services, double firstRouteSeconds, double allRoutesSeconds,
               double cpuToFirstRouteSeconds, ProcessMemory memory, RssSeries settling, double settlingCores,
               String commandLine, String diagnostics) {

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "speaker %-10s %6d Services: start -> first route %.3f s (CPU %.2f s),"
                            + " -> all %.3f s; %s", variant.name(), services, firstRouteSeconds, cpuToFirstRouteSeconds,
                    allRoutesSeconds, memory) + String.format(Locale.ROOT, "; settling: CPU %.3f cores, ", settlingCores)
                    + settling + diagnostics;
        }
    }

    private final BirdLab lab;
    private final Duration settle;
    private int runs;

    private SpeakerFootprint(BirdLab lab, Duration settle) {
        this.lab = lab;
        this.settle = settle;
    }

    /** Builds the lab (root, bird2, the assembled distribution) and starts BIRD with its two sessions. */
    static SpeakerFootprint start(Duration settle) throws IOException {
        BirdLab lab = BirdLab.build("fp", 1);
        try {
            lab.addresses(lab.lab().clientNs(), "192.0.2.101/24");
            lab.addresses(lab.lab().nodeNs(1), "192.0.2.21/24");
            lab.write("metallb.yaml", ScaleFiles.CONFIGURATION);
            lab.write("services.yaml", "# nothing announced\n");
            lab.write("endpoints.yaml", "# nothing yet\n");
            lab.startBird(List.of(new BirdLab.Protocol("tor_a", "192.0.2.100", "192.0.2.11", "", "t_tor_a"),
                    new BirdLab.Protocol("tor_b", "192.0.2.101", "192.0.2.21", "", "t_tor_b")));
            return new SpeakerFootprint(lab, settle);
        } catch (IOException | RuntimeException e) {
            lab.close();
            throw e;
        }
    }

    /** Puts {@code services} Services and their EndpointSlices in the folder (before the next start). */
    void services(int services) throws IOException {
        lab.write("endpoints.yaml", ScaleFiles.endpointSlices(services));
        lab.write("services.yaml", ScaleFiles.services(services));
    }

    /**
     * Starts the speaker with {@code variant}, measures, and stops it. {@code services} is what the folder holds.
     * With {@code -Dbarelb.footprint.trace=DIR} the start is also traced (the breakdown in docs/performance.md,
     * "Footprint"): the JVM's class loading and start-up phases ({@code -Xlog}, wall-clock stamps), BGP's packets on
     * BIRD's side ({@code tcpdump -tt}) and the speaker's log are copied to DIR with the start and first-route times.
     */
    Run run(JvmVariant variant, int services) throws IOException, InterruptedException {
        String trace = System.getProperty("barelb.footprint.trace", "");
        int number = ++runs;
        java.util.Map<String, String> environment = new java.util.HashMap<>(variant.environment("speaker"));
        Path xlog = lab.lab().dir().resolve("jvm-" + number + ".log");
        if (!trace.isEmpty()) {
            environment.put("BARELB_JAVA_OPTS", "-Xlog:startuptime=info,class+load=info:file=" + xlog + ":time,uptime");
            lab.lab().background(lab.lab().clientNs(), "bgp-" + number + ".log", "tcpdump", "-i", "eth0", "-n", "-tt",
                    "-l", "tcp", "port", "179");
            Thread.sleep(1000);
        }
        long wallStart = System.currentTimeMillis();
        long started = System.nanoTime();
        Process speaker = lab.startSpeaker(1, environment);
        await("a first route in BIRD", () -> lab.routeCounts(TABLES).stream().anyMatch(c -> c > 0));
        double first = (System.nanoTime() - started) / 1e9;
        double cpu = cpuSeconds(speaker.pid());
        if (!trace.isEmpty()) {
            Path out = Files.createDirectories(Path.of(trace));
            Files.writeString(out.resolve("run-" + number + ".txt"), String.format(Locale.ROOT,
                    "variant %s%nstart %d%nfirst-route %d%n", variant, wallStart, wallStart + Math.round(first * 1000)));
            Thread.sleep(500);
            Files.writeString(out.resolve("speaker-" + number + ".log"), lab.speakerLog(1));
            Files.writeString(out.resolve("bgp-" + number + ".log"), lab.lab().log("bgp-" + number + ".log"));
            if (Files.exists(xlog)) {
                Files.copy(xlog, out.resolve("jvm-" + number + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
        await("all " + services + " routes in both tables", () -> fewest() == services);
        double all = (System.nanoTime() - started) / 1e9;
        double cpuBefore = cpuSeconds(speaker.pid());
        RssSeries settling = RssSeries.sample(speaker.pid(), settle);
        double idleCores = settle.isZero() ? 0 : (cpuSeconds(speaker.pid()) - cpuBefore) / (settle.toMillis() / 1000.0);
        ProcessMemory memory = ProcessMemory.of(speaker.pid());
        String commandLine = Files.readString(Path.of("/proc", Long.toString(speaker.pid()), "cmdline")).replace('\0', ' ');
        String diagnostics = Jcmd.diagnostics(speaker.pid());
        lab.lab().kill(BirdLab.speaker(1));
        await("BIRD's sessions down and its tables empty", () -> !lab.established("tor_a") && !lab.established("tor_b")
                && lab.routeCounts(TABLES).stream().allMatch(c -> c == 0));
        // a restart clears BIRD's error wait, which would otherwise refuse the next speaker for up to 5 s
        lab.birdc("restart", "tor_a");
        lab.birdc("restart", "tor_b");
        return new Run(variant, services, first, all, cpu, memory, settling, idleCores, commandLine, diagnostics);
    }

    /**
     * User and system CPU time of the process so far, all its threads (JIT compiler and GC included): a figure the
     * other builds on the machine disturb far less than the wall time. {@code ip netns exec}, {@code setpriv} and the
     * launcher exec one another, so the pid is the JVM's.
     */
    static double cpuSeconds(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // after the command's name: state is field 3, utime 14 and stime 15 (proc(5)), in clock ticks of 1/100 s
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
    }

    private int fewest() {
        List<Integer> counts = lab.routeCounts(TABLES);
        return counts.size() == 2 ? Math.min(counts.get(0), counts.get(1)) : 0;
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(PATIENCE, what, condition,
                () -> lab.birdc("show", "protocols") + lab.routeCounts(TABLES) + lab.speakerLogTail(1));
    }

    @Override
    public void close() {
        lab.close();
    }
}
