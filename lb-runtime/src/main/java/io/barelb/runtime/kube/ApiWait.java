package io.barelb.runtime.kube;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Waits, before a long-running process starts its informers and elections, until the Kubernetes API answers: one
 * WARN line when it does not (what failed, at which URL, what to do), another only when the reason changes or once
 * a minute, and an INFO line when it answers. Without it, a process started with no cluster prints a stack trace
 * per failed request from every client library thread.
 */
public final class ApiWait {

    /** Sleeps between attempts; a test passes one that only records. */
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    /** Where the lines go; {@link #log(String)} sends them to this class's logger. */
    public interface Reporter {
        void unreachable(String line);

        void reachable(String line);
    }

    private static final Duration REMIND_EVERY = Duration.ofMinutes(1);

    private final Callable<String> probe;
    private final Duration interval;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Reporter reporter;
    private final String advice;

    /**
     * @param probe    asks the API something cheap and returns a description of the answer (its version);
     *                 throws {@link KubernetesClientException} when the API does not answer
     * @param interval between attempts
     * @param advice   what the user can do, appended to the WARN line
     */
    public ApiWait(Callable<String> probe, Duration interval, Sleeper sleeper, Clock clock, Reporter reporter,
                   String advice) {
        this.probe = Objects.requireNonNull(probe);
        this.interval = interval;
        this.sleeper = sleeper;
        this.clock = clock;
        this.reporter = reporter;
        this.advice = advice;
    }

    /** The lines as log lines of {@code process} ("controller", "speaker"). */
    public static Reporter log(String process) {
        Logger log = LoggerFactory.getLogger(ApiWait.class);
        return new Reporter() {
            @Override
            public void unreachable(String line) {
                log.warn("{}: {}", process, line);
            }

            @Override
            public void reachable(String line) {
                log.info("{}: {}", process, line);
            }
        };
    }

    /**
     * Returns once the probe succeeds.
     *
     * @return how many attempts failed first
     * @throws InterruptedException when interrupted while waiting (the process is stopping)
     * @throws Exception            what the probe threw when it is not an API failure (a bug, not a condition)
     */
    public int await() throws Exception {
        String lastReason = null;
        Instant start = clock.instant();
        Instant reported = start;
        int failures = 0;
        while (true) {
            try {
                String answer = probe.call();
                Duration waited = Duration.between(start, clock.instant());
                reporter.reachable(failures == 0 ? "the Kubernetes API answers (" + answer + ")"
                        : "the Kubernetes API answers (" + answer + ") after " + waited.toSeconds() + " s and "
                        + failures + " failed attempts");
                return failures;
            } catch (KubernetesClientException e) {
                failures++;
                String reason = KubeFailures.reason(e);
                Instant now = clock.instant();
                if (!reason.equals(lastReason)) {
                    reporter.unreachable("cannot reach the Kubernetes API (" + reason + "); retrying every "
                            + interval.toSeconds() + " s. " + advice);
                    lastReason = reason;
                    reported = now;
                } else if (Duration.between(reported, now).compareTo(REMIND_EVERY) >= 0) {
                    reporter.unreachable("still cannot reach the Kubernetes API (" + reason + ") after "
                            + Duration.between(start, now).toSeconds() + " s");
                    reported = now;
                }
            }
            sleeper.sleep(interval);
        }
    }
}
