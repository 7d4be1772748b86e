package io.barelb.runtime.speaker;

import io.barelb.api.announce.ServiceStatus;
import io.barelb.api.announce.StatusKind;
import java.util.List;

/**
 * Where the speaker records announcers' per-Service status as Kubernetes objects, of the {@link StatusKind} each
 * announcer factory declares (MetalLB's {@code ServiceL2Status} and {@code ServiceBGPStatus} for the built-in
 * plugins, anything for a third party's): {@link KubernetesStatusResources} in a cluster; nothing in static mode.
 * Called with the whole list of one kind whenever it changed; must not block (writes belong on an own thread).
 */
interface StatusResources extends AutoCloseable {

    /** Records nothing. */
    StatusResources NONE = new StatusResources() {
        @Override
        public void publish(StatusKind kind, List<ServiceStatus> statuses) {
        }

        @Override
        public void close() {
        }
    };

    /** The whole current per-Service status of one announcer on this node, as objects of {@code kind}. */
    void publish(StatusKind kind, List<ServiceStatus> statuses);

    /** Stops writing; objects already written stay (a restarted speaker rewrites them). */
    @Override
    void close();
}
