package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The API writes the controller makes, counted at the HTTP level of its client ({@link ApiRequestCounter}): a new
 * Service costs as many writes as MetalLB's controller makes for it (one status update carrying the pool
 * annotation, one {@code IPAllocated} Event) and no read; a restart over unchanged Services and configuration
 * writes nothing at all.
 */
@Timeout(60)
class ApiWritesTest {

    /** Long enough for a write that would follow (a queued Event, a pool status) to be sent. */
    private static final Duration SETTLE = Duration.ofMillis(700);

    private final ControllerFixture cluster = new ControllerFixture();
    private final ApiRequestCounter counter = new ApiRequestCounter();
    private final KubernetesClient counted = counter.client(cluster.api);

    @AfterEach
    void stop() {
        cluster.close();
        counted.close();
    }

    private ServiceController start() {
        ServiceController controller = cluster.injector(counted, ControllerOptions.defaults("test"))
                .getInstance(ServiceController.class);
        controller.start();
        return controller;
    }

    private void awaitIdle(ServiceController controller) {
        Awaitility.await().atMost(ControllerFixture.TIMEOUT).until(() -> controller.pending() == 0);
        sleep(SETTLE);
    }

    @Test
    void aNewServiceCostsOneStatusWriteAndOneEventAsWithMetalLb() {
        cluster.legacyConfig("""
                address-pools:
                - name: bench
                  protocol: layer2
                  addresses: [192.0.2.0/28]
                """);
        ServiceController controller = start();
        // the legacy ConfigMap implies an L2Advertisement no installed plugin claims: its Event is written first
        cluster.awaitEvent(ControllerFixture.NS, "config", "UnclaimedKind");
        awaitIdle(controller);
        counter.reset();

        cluster.create(cluster.service("default", "web").build());
        Service assigned = cluster.awaitAssigned("default", "web");
        cluster.awaitEvent("default", "web", ServiceReconciler.IP_ALLOCATED);
        awaitIdle(controller);

        assertThat(assigned.getMetadata().getAnnotations()).containsEntry(AllocatedPoolAnnotation.KEY, "bench");
        assertThat(counter.writes()).as("writes for one new Service (all requests: %s)", counter.all())
                .isEqualTo(Map.of("PUT services/status", 1L, "POST events", 1L));
        assertThat(counter.all()).as("no read of the Service: the informer's copy is used")
                .doesNotContainKey("GET services");
        assertThat(cluster.events("default", "web")).singleElement()
                .satisfies(e -> assertThat(e.getInvolvedObject().getUid()).isEqualTo(assigned.getMetadata().getUid()));
    }

    @Test
    void aRestartWithNothingChangedWritesNothing() {
        cluster.pool("default", "192.0.2.10-192.0.2.29", true);
        ServiceController first = start();
        for (int i = 0; i < 5; i++) {
            cluster.create(cluster.service("default", "svc-" + i).build());
        }
        for (int i = 0; i < 5; i++) {
            cluster.awaitAssigned("default", "svc-" + i);
        }
        cluster.await(() -> cluster.client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool")
                        .inNamespace(ControllerFixture.NS).withName("default").get(),
                pool -> pool.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                        && Long.valueOf(5).equals(((Number) status.get("assignedIPv4")).longValue()),
                "the pool's status counting 5 assigned addresses");
        awaitIdle(first);
        first.close();
        assertThat(counter.writes()).as("the first term wrote").isNotEmpty();
        counter.reset();

        ServiceController second = start();
        awaitIdle(second);

        assertThat(second.configState().result()).isEqualTo("Valid");
        assertThat(counter.writes()).as("writes on a restart with nothing changed (all requests: %s)", counter.all())
                .isEmpty();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
