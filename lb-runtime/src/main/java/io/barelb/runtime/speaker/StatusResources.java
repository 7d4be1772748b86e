package io.barelb.runtime.speaker;

import io.barelb.api.announce.AnnouncementStatus;
import java.util.List;

/**
 * Where the speaker records announcement status as Kubernetes objects: MetalLB's {@code ServiceL2Status} for the
 * {@code layer2} protocol in a cluster ({@link KubernetesStatusResources}); nothing in static mode. Called with
 * the whole status of one protocol whenever it changed; must not block (writes belong on an own thread).
 */
interface StatusResources extends AutoCloseable {

    /** Records nothing. */
    StatusResources NONE = new StatusResources() {
        @Override
        public void publish(String protocol, List<AnnouncementStatus> statuses) {
        }

        @Override
        public void close() {
        }
    };

    /** The whole current status of {@code protocol} on this node. */
    void publish(String protocol, List<AnnouncementStatus> statuses);

    /** Stops writing; objects already written stay (a restarted speaker rewrites them). */
    @Override
    void close();
}
