package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The seed scenario: an operator applies the legacy ConfigMap and a LoadBalancer Service; it gets an address. */
@Timeout(60)
class SeedScenarioTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void nginxGetsAnExternalIpFromTheLegacyPool() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses:
                  - 192.168.92.200-192.168.92.210
                """);
        cluster.create(cluster.service("default", "nginx").build());
        ServiceController controller = cluster.startController();

        List<String> ingress = cluster.awaitIngress("default", "nginx", list -> !list.isEmpty());

        assertThat(ingress).hasSize(1);
        IpAddress address = IpAddress.parse(ingress.get(0));
        assertThat(address.compareTo(IpAddress.parse("192.168.92.200"))).isGreaterThanOrEqualTo(0);
        assertThat(address.compareTo(IpAddress.parse("192.168.92.210"))).isLessThanOrEqualTo(0);
        List<Event> events = cluster.awaitEvent("default", "nginx", "IPAllocated");
        assertThat(events).filteredOn(e -> e.getReason().equals("IPAllocated")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).isEqualTo("Assigned IP [\"" + address + "\"] from pool \"default\""))
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Normal"));
        assertThat(controller.configState().result()).isEqualTo("Valid");
        assertThat(cluster.metrics.value("metallb_k8s_client_config_loaded_bool", java.util.Map.of())).isEqualTo(1.0);
        // MetalLB's allocator gauges (its dashboards read them) and k8s client counters
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(() ->
                cluster.metrics.value(PoolMetrics.IN_USE, java.util.Map.of("pool", "default")) == 1.0);
        assertThat(cluster.metrics.value(PoolMetrics.TOTAL, java.util.Map.of("pool", "default"))).isEqualTo(11.0);
        assertThat(cluster.metrics.value(ServiceController.UPDATES, java.util.Map.of())).isGreaterThanOrEqualTo(2.0);
        assertThat(cluster.metrics.value(ServiceController.UPDATE_ERRORS, java.util.Map.of())).isZero();
    }

    @Test
    void aServiceCreatedAfterStartIsServedToo() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses:
                  - 192.168.92.200-192.168.92.210
                """);
        cluster.startController();
        cluster.create(cluster.service("default", "first").build());
        cluster.awaitIngress("default", "first", list -> !list.isEmpty());

        cluster.create(cluster.service("default", "second").build());

        assertThat(cluster.awaitIngress("default", "second", list -> !list.isEmpty()))
                .doesNotContainAnyElementsOf(cluster.awaitIngress("default", "first", list -> !list.isEmpty()));
    }
}
