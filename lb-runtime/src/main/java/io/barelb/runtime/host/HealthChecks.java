package io.barelb.runtime.host;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Supplier;

/**
 * The named checks behind {@code /healthz} (liveness) and {@code /readyz} (readiness). A process registers
 * each check once, under a name operators will read ({@code informers}, {@code leader-election}, ...);
 * {@code /readyz} runs the liveness checks too, since a process that is not alive is not ready either.
 * A check that throws counts as failing, with the exception's message. Thread-safe.
 */
public final class HealthChecks {

    /** What one check found: whether it passes and a one-line explanation. */
    public record Result(boolean passing, String detail) {

        public static Result ok(String detail) {
            return new Result(true, detail);
        }

        public static Result failing(String detail) {
            return new Result(false, detail);
        }
    }

    /** One check's name and result, as reported. */
    public record Line(String name, Result result) {
    }

    /**
     * Every check's result, by name.
     *
     * @param kind {@code healthz} or {@code readyz}
     */
    public record Report(String kind, List<Line> lines) {

        public Report {
            lines = List.copyOf(lines);
        }

        /** True when every check passes (and vacuously when none is registered). */
        public boolean passing() {
            return lines.stream().allMatch(line -> line.result().passing());
        }

        /**
         * The body served: one line per check ({@code [+]name ok: detail} or {@code [-]name failed: detail}, the
         * Kubernetes API server's style), then {@code <kind> check passed} or {@code <kind> check failed}.
         */
        public String body() {
            StringBuilder body = new StringBuilder();
            for (Line line : lines) {
                body.append(line.result().passing() ? "[+]" : "[-]").append(line.name())
                        .append(line.result().passing() ? " ok: " : " failed: ").append(line.result().detail()).append('\n');
            }
            return body.append(kind).append(passing() ? " check passed\n" : " check failed\n").toString();
        }
    }

    private final Map<String, Supplier<Result>> liveness = new ConcurrentSkipListMap<>();
    private final Map<String, Supplier<Result>> readiness = new ConcurrentSkipListMap<>();

    /** Adds a check to {@code /healthz} (and so to {@code /readyz}): failing means the process should be restarted. */
    public HealthChecks live(String name, Supplier<Result> check) {
        add(liveness, name, check);
        return this;
    }

    /** Adds a check to {@code /readyz} only: failing means the process is not (yet) doing its job. */
    public HealthChecks ready(String name, Supplier<Result> check) {
        add(readiness, name, check);
        return this;
    }

    private void add(Map<String, Supplier<Result>> checks, String name, Supplier<Result> check) {
        if (liveness.containsKey(name) || readiness.containsKey(name)) {
            throw new IllegalArgumentException("a health check named " + name + " is already registered");
        }
        checks.put(name, check);
    }

    /** Runs the liveness checks. */
    public Report liveness() {
        return new Report("healthz", run(List.of(liveness)));
    }

    /** Runs the liveness and the readiness checks. */
    public Report readiness() {
        return new Report("readyz", run(List.of(liveness, readiness)));
    }

    private static List<Line> run(List<Map<String, Supplier<Result>>> groups) {
        List<Line> lines = new ArrayList<>();
        for (Map<String, Supplier<Result>> group : groups) {
            group.forEach((name, check) -> lines.add(new Line(name, runOne(check))));
        }
        return lines;
    }

    private static Result runOne(Supplier<Result> check) {
        try {
            Result result = check.get();
            return result != null ? result : Result.failing("the check returned nothing");
        } catch (RuntimeException e) {
            return Result.failing(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }
}
