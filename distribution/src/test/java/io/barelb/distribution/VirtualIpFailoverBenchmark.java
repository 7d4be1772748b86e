package io.barelb.distribution;

import io.barelb.testkit.BenchmarkArguments;
import io.barelb.testkit.NetnsLab;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Failover of the standalone control-plane VIP ({@link VirtualIpLab}), run by hand (not a test; a trial is one event
 * in a real network): from just before the event (the wall clock of this process) to the first gratuitous ARP from
 * the new owner, timestamped by {@code tcpdump -tt} in the client namespace.
 *
 * <ul>
 *   <li>{@code kill}: SIGKILL to the owner's speaker; afterwards the speaker is started again and the lab waits until
 *       the owner holds the VIP again (its backend risen, hand-back over).</li>
 *   <li>{@code backend}: SIGKILL to the owner's backend while its speaker runs; afterwards the backend is started
 *       again and the lab waits likewise. The floor is the check's fall time: {@code fall} probes {@code interval}
 *       apart, the first of them up to one interval after the failure.</li>
 * </ul>
 *
 * <p>Reference measured in the same run: the kernel's ARP round trip to a node's own address ({@code arping}).
 * Usage: {@code VirtualIpFailoverBenchmark TRIALS [kill|backend|both]}; needs root, socat, tcpdump, arping, setpriv,
 * libpcap, and the assembled distribution ({@code -Dbarelb.distribution=DIR}).
 */
public final class VirtualIpFailoverBenchmark {

    private static final Set<Integer> ALL = Set.of(1, 2, 3);
    private static final Duration LIMIT = Duration.ofSeconds(60);
    private static final Pattern ARPING_TIME = Pattern.compile("time=([0-9.]+) (usec|msec)");

    private VirtualIpFailoverBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int trials = BenchmarkArguments.count(args, 0, 20);
        String which = BenchmarkArguments.word(args, 1, "both", "kill", "backend");
        try (VirtualIpLab vip = new VirtualIpLab("vp", 3)) {
            vip.build();
            vip.startCapture();
            for (int i : ALL) {
                vip.startBackend(i);
            }
            vip.startSpeaker(1);
            vip.await(LIMIT, "node-1 to hold the VIP", () -> vip.holds(1));
            vip.startSpeaker(2);
            vip.startSpeaker(3);
            awaitSettled(vip);
            double reference = kernelRoundTripMillis(vip);
            System.out.printf(Locale.ROOT, "reference: kernel ARP round trip to node-1, median of 20: %.3f ms%n", reference);
            if (!which.equals("backend")) {
                List<Double> kills = run(vip, trials, true);
                summarise("speaker killed", kills, reference, 0);
                double views = quantile(VIEW_CHANGES, 0.5);
                System.out.printf(Locale.ROOT, "reference: kill -> survivor's membership view without the owner, p50 %.0f ms,"
                        + " p99 %.0f ms (%d trials); first gratuitous ARP p50 / view change p50 = %.2f%n", views,
                        quantile(VIEW_CHANGES, 0.99), VIEW_CHANGES.size(), quantile(kills, 0.5) / views);
            }
            if (!which.equals("kill")) {
                long fallMillis = VirtualIpLab.FALL * VirtualIpLab.INTERVAL.toMillis();
                summarise("backend failed", run(vip, trials, false), reference, fallMillis);
            }
            System.out.println("frames answered by two MACs over the whole run: " + vip.doubleAnswers());
        }
    }

    /** Per kill trial: from the kill to the survivor's membership view without the killed node (its log line). */
    private static final List<Double> VIEW_CHANGES = new ArrayList<>();
    private static final Pattern VIEW_LINE = Pattern.compile("(?m)^(\\d\\d:\\d\\d:\\d\\d\\.\\d{3}) INFO JGroupsMembership"
            + " - layer2 membership view [^:]*: \\[([^\\]]*)\\]");

    private static List<Double> run(VirtualIpLab vip, int trials, boolean kill) throws Exception {
        List<Double> samples = new ArrayList<>();
        int owner = VirtualIpLab.electedOwner(ALL);
        int survivor = VirtualIpLab.electedOwner(ALL.stream().filter(i -> i != owner).collect(Collectors.toSet()));
        for (int trial = 1; trial <= trials; trial++) {
            // the previous takeover's gratuitous burst (0, 0.25, 1, 2, 4 s) is over
            Thread.sleep(4500);
            long at = kill ? vip.killSpeaker(owner) : vip.stopBackend(owner);
            vip.await(LIMIT, "node-" + survivor + "'s first gratuitous ARP",
                    () -> vip.firstGratuitous(NetnsLab.nodeMac(survivor), at) > 0);
            double millis = vip.firstGratuitous(NetnsLab.nodeMac(survivor), at) * 1000 - at;
            samples.add(millis);
            System.out.printf(Locale.ROOT, "%s trial %d: %.1f ms%n", kill ? "kill" : "backend", trial, millis);
            if (kill) {
                viewChangeMillis(vip.speakerLog(survivor), NetnsLab.nodeName(owner), at).ifPresent(view -> {
                    VIEW_CHANGES.add(view);
                    System.out.printf(Locale.ROOT, "  survivor's view without node-%d after %.0f ms%n", owner, view);
                });
            }
            if (kill) {
                vip.startSpeaker(owner);
            } else {
                vip.startBackend(owner);
            }
            awaitSettled(vip);
        }
        return samples;
    }

    private static void awaitSettled(VirtualIpLab vip) throws InterruptedException {
        for (int i : ALL) {
            vip.await(LIMIT, "node-" + i + " to see every speaker", () -> vip.seesMembers(i, ALL));
        }
        int owner = VirtualIpLab.electedOwner(ALL);
        vip.await(LIMIT, "node-" + owner + " alone to answer", () -> vip.arpingMacs().equals(Set.of(NetnsLab.nodeMac(owner))));
    }

    /**
     * The ms from {@code sinceMillis} to the first log line (HH:mm:ss.SSS, UTC, today) of a membership view that no
     * longer lists {@code gone}.
     */
    static java.util.Optional<Double> viewChangeMillis(String log, String gone, long sinceMillis) {
        java.time.LocalDate today = java.time.Instant.ofEpochMilli(sinceMillis).atZone(java.time.ZoneOffset.UTC).toLocalDate();
        Matcher m = VIEW_LINE.matcher(log);
        while (m.find()) {
            long at = java.time.LocalTime.parse(m.group(1)).atDate(today).toInstant(java.time.ZoneOffset.UTC).toEpochMilli();
            if (at >= sinceMillis && !List.of(m.group(2).split(", ")).contains(gone)) {
                return java.util.Optional.of((double) (at - sinceMillis));
            }
        }
        return java.util.Optional.empty();
    }

    private static double kernelRoundTripMillis(VirtualIpLab vip) throws Exception {
        String output = vip.lab.exec(vip.lab.clientNs(), "arping", "-i", "eth0", "-c", "20", "-W", "0.05", NetnsLab.nodeIp(1));
        List<Double> times = new ArrayList<>();
        Matcher m = ARPING_TIME.matcher(output);
        while (m.find()) {
            double value = Double.parseDouble(m.group(1));
            times.add(m.group(2).equals("usec") ? value / 1000 : value);
        }
        return quantile(times, 0.5);
    }

    private static void summarise(String event, List<Double> samples, double reference, long floorMillis) {
        double p50 = quantile(samples, 0.5);
        double p99 = quantile(samples, 0.99);
        System.out.printf(Locale.ROOT, "%s: %d trials, min %.1f, p50 %.1f, p90 %.1f, p99 %.1f, max %.1f ms;"
                        + " p50/reference %.0f%s%n", event, samples.size(), quantile(samples, 0), p50,
                quantile(samples, 0.9), p99, quantile(samples, 1), p50 / reference,
                floorMillis > 0 ? String.format(Locale.ROOT, "; p99 - fall time (%d ms) = %.1f ms", floorMillis,
                        p99 - floorMillis) : "");
        System.out.println(event + " samples (ms): " + new TreeSet<>(samples));
    }

    /** Nearest-rank quantile: with 20 samples, p99 is the largest. */
    static double quantile(List<Double> samples, double q) {
        List<Double> sorted = samples.stream().sorted().toList();
        if (sorted.isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.size());
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
    }
}
