package io.barelb.runtime.speaker;

import io.barelb.api.Metrics;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One announcer as the speaker drives it: the state it should make true, the last one it took without failing,
 * why the last apply failed, and the backoff of its retries. Not thread-safe: the {@link Speaker} calls it under
 * its lock.
 */
final class AnnouncerSlot {

    private static final Logger LOG = LoggerFactory.getLogger(AnnouncerSlot.class);
    static final String APPLY_FAILURES_METRIC = "barelb_speaker_apply_failures_total";

    final String protocol;
    final Announcer announcer;
    /** The kind of the announcer's per-Service status objects, if its factory declares one. */
    final java.util.Optional<io.barelb.api.announce.StatusKind> statusKind;
    /** The per-Service status last handed to the {@link StatusResources}. */
    List<io.barelb.api.announce.ServiceStatus> publishedStatuses;
    /** The list the announcer's {@code serviceStatuses()} returned last, compared by identity. */
    List<io.barelb.api.announce.ServiceStatus> lastServiceStatuses;
    final Backoff backoff;
    /** The pending retry, if one is scheduled. */
    ScheduledFuture<?> retry;
    private final Metrics.Counter applyFailures;
    private AnnouncerState desired = AnnouncerState.empty();
    private AnnouncerState applied;
    private String applyFailure;

    AnnouncerSlot(String protocol, Announcer announcer, Backoff backoff, Metrics metrics) {
        this(protocol, announcer, java.util.Optional.empty(), backoff, metrics);
    }

    AnnouncerSlot(String protocol, Announcer announcer, java.util.Optional<io.barelb.api.announce.StatusKind> statusKind,
                  Backoff backoff, Metrics metrics) {
        this.protocol = protocol;
        this.announcer = announcer;
        this.statusKind = statusKind;
        this.backoff = backoff;
        this.applyFailures = metrics.counter(APPLY_FAILURES_METRIC,
                "Times an announcer failed to apply its state (it is applied again with backoff)", Map.of("protocol", protocol));
    }

    /**
     * Makes {@code state} the desired one and hands it to the announcer when it differs from the last state applied,
     * when the last apply failed, or when {@code force} is set (a retry or a resync).
     */
    void offer(AnnouncerState state, boolean force) {
        desired = state;
        if (!force && applyFailure == null && state.equals(applied)) {
            return;
        }
        try {
            announcer.apply(state);
            applied = state;
            applyFailure = null;
            LOG.debug("announcer {} handed {} advertisements", protocol, state.advertisements().size());
        } catch (RuntimeException e) {
            applyFailure = String.valueOf(e.getMessage());
            applyFailures.increment();
            LOG.error("announcer {} failed to apply {} advertisements: {}", protocol, state.advertisements().size(),
                    applyFailure);
            LOG.debug("announcer {} apply failure", protocol, e);
        }
    }

    /** The state the announcer should make true. */
    AnnouncerState desired() {
        return desired;
    }

    /** True if the last apply threw. */
    boolean applyFailed() {
        return applyFailure != null;
    }

    /**
     * What the announcer reports; after a failed apply, every desired advertisement as {@code FAILED} with the
     * failure's message, since the announcer's own status no longer describes the desired state.
     *
     * @throws RuntimeException when the announcer's {@code status()} fails
     */
    List<AnnouncementStatus> statuses(String nodeName) {
        if (applyFailure == null) {
            return announcer.status();
        }
        String message = "node " + nodeName + " cannot announce with protocol " + protocol + ": " + applyFailure;
        return desired.advertisements().stream().map(ad -> new AnnouncementStatus(ad.service(), ad.address(),
                AnnouncementStatus.State.FAILED, List.of(), message)).toList();
    }
}
