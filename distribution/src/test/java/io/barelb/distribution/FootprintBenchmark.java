package io.barelb.distribution;

import io.barelb.testkit.BenchmarkArguments;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * Footprint of the assembled processes (issue 11), run by hand (not a test): for each {@link JvmVariant}, in turns,
 * the speaker's start-up to first announcement ({@link SpeakerFootprint} with a few Services), the speaker with N
 * Services (routes to BIRD, RSS), and the controller with N Services (against the embedded API, RSS).
 *
 * <p>Usage: {@code FootprintBenchmark [speaker|controller|both]} with {@code -Dbarelb.distribution=DIR} and
 * {@code -Dbarelb.footprint.services} (10000), {@code .startup.services} (1), {@code .trials} (3),
 * {@code .variants} ({@code jvm;shipped}, see {@link JvmVariant#parse}), {@code .settle.seconds} (5), and for the
 * controller {@code .patience.minutes} (10; for creating the Services, then again for their assignment). The speaker part
 * needs root and bird2. Figures to stdout and {@code target/footprint.txt}.
 */
public final class FootprintBenchmark {

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String which = BenchmarkArguments.word(args, 0, "both", "speaker", "controller");
        int services = Integer.getInteger("barelb.footprint.services", 10_000);
        int startupServices = Integer.getInteger("barelb.footprint.startup.services", 1);
        int trials = Integer.getInteger("barelb.footprint.trials", 3);
        Duration settle = Duration.ofSeconds(Integer.getInteger("barelb.footprint.settle.seconds", 5));
        List<JvmVariant> variants = JvmVariant.parse(System.getProperty("barelb.footprint.variants", "jvm;shipped"));
        Path distribution = AssembledDistribution.home();
        StringBuilder report = new StringBuilder();
        report.append(String.format(Locale.ROOT, "footprint, %d Services, %d trials, variants %s; load average %s%n",
                services, trials, variants, loadAverage()));
        if (!which.equals("controller")) {
            List<SpeakerFootprint.Run> startups = new ArrayList<>();
            List<SpeakerFootprint.Run> scale = new ArrayList<>();
            try (SpeakerFootprint speaker = SpeakerFootprint.start(settle)) {
                speaker.services(startupServices);
                for (int trial = 0; trial < trials; trial++) {
                    for (JvmVariant variant : variants) {
                        startups.add(print(report, speaker.run(variant, startupServices)));
                    }
                }
                speaker.services(services);
                for (JvmVariant variant : variants) {
                    scale.add(print(report, speaker.run(variant, services)));
                }
            }
            for (JvmVariant variant : variants) {
                report.append(String.format(Locale.ROOT, "speaker %s: start-up to first route with %d Service(s), median"
                                + " of %d: %.3f s (CPU %.2f s); with %d: first %.3f s, all %.3f s, RSS %.1f MiB (settling: highest"
                        + " %.1f MiB); load %s%n",
                        variant, startupServices, trials, median(startups, variant, SpeakerFootprint.Run::variant,
                                SpeakerFootprint.Run::firstRouteSeconds), median(startups, variant,
                                SpeakerFootprint.Run::variant, SpeakerFootprint.Run::cpuToFirstRouteSeconds), services,
                        median(scale, variant, SpeakerFootprint.Run::variant, SpeakerFootprint.Run::firstRouteSeconds),
                        median(scale, variant, SpeakerFootprint.Run::variant, SpeakerFootprint.Run::allRoutesSeconds),
                        median(scale, variant, SpeakerFootprint.Run::variant, r -> r.memory().rssMib()),
                        median(scale, variant, SpeakerFootprint.Run::variant, r -> r.settling().maxMib()), loadAverage()));
            }
        }
        if (!which.equals("speaker")) {
            Path work = Files.createTempDirectory("barelb-footprint-");
            ControllerFootprint controller = new ControllerFootprint(distribution, work, settle);
            for (JvmVariant variant : variants) {
                print(report, controller.run(variant, services));
            }
        }
        report.append("load average at the end: ").append(loadAverage()).append('\n');
        System.out.print(report);
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "footprint.txt"), report);
        System.exit(0);
    }

    private static <R> R print(StringBuilder report, R run) {
        String line = run + "; load " + loadAverage() + "\n";
        System.out.print(line);
        report.append(line);
        return run;
    }

    private static <R> double median(List<R> runs, JvmVariant variant, java.util.function.Function<R, JvmVariant> of,
                                     ToDoubleFunction<R> figure) {
        double[] values = runs.stream().filter(r -> of.apply(r).equals(variant)).mapToDouble(figure).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[(values.length - 1) / 2];
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
