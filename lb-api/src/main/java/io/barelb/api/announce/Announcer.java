package io.barelb.api.announce;

import java.util.List;

/**
 * Makes the network deliver a set of addresses to this node, by one protocol.
 *
 * <p>Level-based: {@link #apply(AnnouncerState)} is handed the whole desired state and makes the network
 * match it; calling it twice with equal states changes nothing the second time. Implementations must be
 * thread-safe: the runtime may call {@code apply} from its reconcile thread while {@code status} is read
 * from another.
 */
public interface Announcer extends AutoCloseable {

    /**
     * Makes the announcements match {@code desired}. Must not block for long; I/O belongs on own threads.
     * Throwing (or reporting {@link AnnouncementStatus.State#FAILED}) makes the speaker apply the same state again
     * after 1 s, 2 s, 4 s ... up to 5 minutes, until it succeeds; the speaker also applies the current state again
     * every resync interval, so an equal state may arrive any number of times.
     */
    void apply(AnnouncerState desired);

    /** The current status of every advertisement last applied. */
    List<AnnouncementStatus> status();

    /**
     * The status object of each Service this node should have one for, when the factory declares a
     * {@link AnnouncerFactory#statusKind()}: at most one per Service; the speaker writes them (in a cluster) and deletes
     * this node's objects of Services not listed. Read after every {@code apply} and with {@link #status()}; must
     * not block. The default lists none.
     *
     * @since 0.3
     */
    default List<ServiceStatus> serviceStatuses() {
        return List.of();
    }

    /**
     * Withdraws everything and releases sockets and threads. Idempotent. The speaker waits at most 5 seconds for
     * all its announcers together (since 0.2); one that has not returned by then is logged and abandoned, and the
     * process goes on shutting down.
     */
    @Override
    void close();
}
