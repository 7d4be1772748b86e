package io.barelb.announcer.layer2;

import java.util.Set;

/**
 * Liveness of the speakers, from a failure detector among them (not from Kubernetes), plus each speaker's
 * data-path health. Thread-safe.
 */
interface SpeakerMembership extends AutoCloseable {

    /** Starts in the background (never blocks for the join); {@code onChange} runs after every view or health change. */
    void start(Runnable onChange);

    /**
     * The current view: {@link MembershipView#joining()} until the first view arrives (a speaker alone forms a view
     * of its own after the join timeout), {@link MembershipView#inactive()} when membership does not run or its
     * start failed.
     */
    MembershipView view();

    /** Tells the other speakers on which interfaces this node can announce now. */
    void publish(Set<String> usableInterfaces);

    /**
     * Tells the other speakers which addresses this node holds back from (its backend fails their health check),
     * so that they elect among the others. Membership that does not run has no one to tell.
     */
    default void publishWithheld(Set<String> addresses) {
    }

    /** False for the membership that never runs ({@link #none()}): nobody hears what this node publishes. */
    default boolean runs() {
        return true;
    }

    /** Leaves the group gracefully (the others notice at once) and stops. Idempotent. */
    @Override
    void close();

    /** Membership that never runs: every candidate counts as alive. */
    static SpeakerMembership none() {
        return new SpeakerMembership() {
            @Override
            public void start(Runnable onChange) {
            }

            @Override
            public MembershipView view() {
                return MembershipView.inactive();
            }

            @Override
            public void publish(Set<String> usableInterfaces) {
            }

            @Override
            public boolean runs() {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
