package io.barelb.runtime.speaker;

/**
 * The rise/fall state machine of one health check on this node: {@code rise} successes in a row make a backend
 * healthy, {@code fall} failures in a row make a healthy backend failing. A backend starts {@link Status#UNKNOWN},
 * which counts as not healthy: a node that just started is not a candidate until its backend has risen, and its
 * first failure makes it {@link Status#FAILING} at once. Pure; not thread-safe (the {@link HealthMonitor} guards it).
 */
final class HealthState {

    /** Where the backend stands. Only {@code HEALTHY} makes this node a candidate. */
    enum Status {
        UNKNOWN, HEALTHY, FAILING
    }

    private final int rise;
    private final int fall;
    private Status status = Status.UNKNOWN;
    private int successes;
    private int failures;
    private String lastDetail = "not probed yet";

    HealthState(int rise, int fall) {
        if (rise < 1 || fall < 1) {
            throw new IllegalArgumentException("rise and fall must be at least 1, got " + rise + " and " + fall);
        }
        this.rise = rise;
        this.fall = fall;
    }

    /**
     * Records one probe's outcome.
     *
     * @return true if the status changed
     */
    boolean record(boolean success, String detail) {
        lastDetail = detail;
        Status before = status;
        if (success) {
            successes++;
            failures = 0;
            if (status != Status.HEALTHY && successes >= rise) {
                status = Status.HEALTHY;
            }
        } else {
            failures++;
            successes = 0;
            if (status == Status.UNKNOWN || (status == Status.HEALTHY && failures >= fall)) {
                status = Status.FAILING;
            }
        }
        return status != before;
    }

    Status status() {
        return status;
    }

    boolean healthy() {
        return status == Status.HEALTHY;
    }

    /**
     * One phrase for logs and status: {@code backend healthy (3/3)}, {@code backend failing (fall 3): connection
     * refused}, {@code backend failing (rising 1/3): ...}, {@code backend not checked yet}.
     */
    String summary() {
        return switch (status) {
            case HEALTHY -> "backend healthy (" + Math.min(successes, rise) + "/" + rise + ")";
            case FAILING -> "backend failing (" + (successes > 0 ? "rising " + successes + "/" + rise
                    : "fall " + Math.min(Math.max(failures, 1), fall)) + "): " + lastDetail;
            case UNKNOWN -> successes > 0 ? "backend not healthy yet (" + successes + "/" + rise + ")"
                    : "backend not checked yet";
        };
    }
}
