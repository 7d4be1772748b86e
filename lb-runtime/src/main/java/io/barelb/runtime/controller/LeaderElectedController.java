package io.barelb.runtime.controller;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfig;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ServiceController} only while this replica holds the Lease {@code barelb-controller} in the
 * configuration namespace (fabric8's {@link LeaderElector}). Each leadership term gets a fresh controller,
 * which restores the recorded assignments before serving, so a failover changes no address. Creating it does
 * nothing; {@link #start()} campaigns. Thread-safe.
 */
public final class LeaderElectedController implements AutoCloseable {

    /** The Lease's name. */
    public static final String LEASE_NAME = "barelb-controller";

    private static final Logger LOG = LoggerFactory.getLogger(LeaderElectedController.class);

    private final KubernetesClient client;
    private final ControllerOptions options;
    private final Supplier<ServiceController> controllers;
    private final Duration leaseDuration;
    private final Duration renewDeadline;
    private final Duration retryPeriod;
    private ExecutorService executor;
    private volatile ServiceController current;
    private volatile String leader;
    private CompletableFuture<?> election;

    /**
     * @param controllers   makes the controller of a new term
     * @param leaseDuration how long a Lease holds without renewal (15 s is usual)
     * @param renewDeadline how long the leader keeps trying to renew before giving up (10 s)
     * @param retryPeriod   how often candidates try (2 s)
     */
    public LeaderElectedController(KubernetesClient client, ControllerOptions options,
                                   Supplier<ServiceController> controllers, Duration leaseDuration,
                                   Duration renewDeadline, Duration retryPeriod) {
        this.client = client;
        this.options = options;
        this.controllers = controllers;
        this.leaseDuration = leaseDuration;
        this.renewDeadline = renewDeadline;
        this.retryPeriod = retryPeriod;
    }

    /**
     * Starts campaigning; returns at once. The elector's steps run on threads of their own, so a long reconcile on
     * the controller's scheduler never delays a Lease renewal. Starts once; a no-op when campaigning already.
     */
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "barelb-leader-election");
            thread.setDaemon(true);
            return thread;
        });
        LeaderCallbacks callbacks = new LeaderCallbacks(this::startLeading, this::stopLeading,
                newLeader -> {
                    leader = newLeader;
                    LOG.info("controller leader is now {}", newLeader);
                });
        LeaderElectionConfig config = new LeaderElectionConfig(
                new LeaseLock(options.namespace(), LEASE_NAME, options.identity()),
                leaseDuration, renewDeadline, retryPeriod, callbacks, true, LEASE_NAME);
        election = new LeaderElector(client, config, executor).start();
    }

    /** True while this replica leads and runs a controller. */
    public boolean isLeading() {
        return current != null;
    }

    /** This replica's identity in the Lease. */
    public String identity() {
        return options.identity();
    }

    /** The Lease holder last seen, or null before any was seen. */
    public String leader() {
        return leader;
    }

    /** True from {@link #start()} until the campaign ended (closed, or failed for good). */
    public synchronized boolean campaigning() {
        return election != null && !election.isDone();
    }

    /** The controller of the current term, if leading. */
    public ServiceController controller() {
        return current;
    }

    private void startLeading() {
        LOG.info("{} leads; starting the controller", options.identity());
        ServiceController controller = controllers.get();
        controller.start();
        current = controller;
    }

    private void stopLeading() {
        ServiceController controller = current;
        current = null;
        if (controller != null) {
            LOG.info("{} no longer leads; stopping the controller", options.identity());
            controller.close();
        }
    }

    /** Stops campaigning, releases the Lease if held, and stops the controller. */
    @Override
    public synchronized void close() {
        if (election != null) {
            election.cancel(true);
        }
        stopLeading();
        if (executor != null) {
            executor.shutdownNow();
        }
    }
}
