package io.barelb.runtime.speaker;

import java.util.function.Consumer;

/**
 * Where the speaker learns the cluster from: the Kubernetes API, or static files. A source calls its
 * listener with a complete {@link ClusterView} after start and whenever something changed, from one thread
 * at a time; a view it cannot read completely is never delivered (the last good one stays in force).
 */
public interface ClusterSource extends AutoCloseable {

    /** Starts delivering views to {@code listener}; the first is delivered as soon as the source has read everything once. */
    void start(Consumer<ClusterView> listener);

    /** Stops delivering and releases threads and connections. */
    @Override
    void close();
}
