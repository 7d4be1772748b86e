package io.barelb.runtime.controller;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The cluster as one leadership term of the controller sees it: cached reads of Services, Namespaces and the
 * configuration, and the writes the controller makes. The seam between reconcile logic and the API server:
 * {@link KubeControllerCluster} in a process, an in-memory one in tests. One instance per term; reads and writes
 * are valid between {@link #start} and {@link #close}.
 */
interface ControllerCluster extends AutoCloseable {

    /**
     * Starts watching and returns once everything was listed. Callbacks only report what changed.
     *
     * @param serviceChanged   the key of each added, changed or deleted Service
     * @param namespaceChanged the name of each changed Namespace
     * @param configChanged    any configuration object changed
     */
    void start(Consumer<ServiceKey> serviceChanged, Consumer<String> namespaceChanged, Runnable configChanged);

    /** Every cached Service. */
    List<Service> services();

    /** The cached Service. */
    Optional<Service> service(ServiceKey key);

    /** The labels of a Namespace (empty when unknown). */
    Map<String, String> namespaceLabels(String namespace);

    /** The configuration as cached now, read. */
    ConfigInput configuration(ConfigReader reader);

    /**
     * Makes the Service's {@code status.loadBalancer.ingress} exactly {@code addresses} (empty clears it) and records
     * {@code pool} as {@link #writePool} does, in one request where the API server allows it (as MetalLB does).
     *
     * @return false if the Service no longer exists
     */
    boolean writeIngress(Service cached, List<IpAddress> addresses, Optional<String> pool);

    /**
     * Records the pool the Service's addresses come from, or removes the record when {@code pool} is empty; writes
     * nothing when {@code cached} records it already. For a Service whose addresses stay as they are.
     */
    void writePool(Service cached, Optional<String> pool);

    /** Publishes pool usage (the IPAddressPool objects' status); writes only what changed. */
    void writePoolUsage(List<PoolUsage> usage);

    /** Publishes the configuration's state; writes only when it changed. */
    void writeConfigurationState(String result, String errorSummary, boolean lastValidInForce);

    /**
     * Publishes the notices about resources no installed plugin claims ({@code ConfigurationState.status.warnings});
     * empty clears them.
     */
    void writeConfigurationWarnings(String warnings);

    /** Reports a configuration problem on the object of {@code kind} named {@code name} (a Warning Event). */
    void configWarning(String kind, String name, String reason, String message);

    /**
     * Lets the term's status writes go before its Events: Events wait while {@code pending} is true (the work
     * queue is busy). Optional: a cluster whose Events cost the status writes nothing ignores it.
     */
    default void statusWorkPending(java.util.function.BooleanSupplier pending) {
    }

    /** Stops watching. Idempotent. */
    @Override
    void close();
}
