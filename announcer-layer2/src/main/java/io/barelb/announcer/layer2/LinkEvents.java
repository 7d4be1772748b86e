package io.barelb.announcer.layer2;

/**
 * Link changes pushed by the kernel, so the announcer reacts at once instead of at its next poll. An I/O seam:
 * {@link NetlinkLinkEvents} reads them from a netlink socket; {@link #none()} delivers nothing (links are polled).
 */
interface LinkEvents extends AutoCloseable {

    /** What the source reports, on its own thread; neither method may block. */
    interface Listener {
        /** A link was created, changed or removed. */
        void linkChanged(LinkEvent event);

        /** A message could not be parsed and was skipped; {@code why} says what was wrong with it. */
        void malformed(String why);

        /** Messages were lost (the kernel's queue overflowed): link state must be read again. */
        default void lost() {
        }

        /** The source stopped for good ({@code why}); no more events will come. */
        default void stopped(String why) {
        }
    }

    /**
     * Starts delivering to {@code listener}. Returns false if events cannot be delivered (the source could not be
     * opened; it has said why once): the caller then polls.
     */
    boolean start(Listener listener);

    /** Stops delivering and releases the source's thread and descriptor. Idempotent. */
    @Override
    void close();

    /** No events: the announcer polls links at its fast period. */
    static LinkEvents none() {
        return new LinkEvents() {
            @Override
            public boolean start(Listener listener) {
                return false;
            }

            @Override
            public void close() {
            }
        };
    }
}
