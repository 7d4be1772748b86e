package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A controller restarting over existing assignments changes nothing and lets no pending Service steal an address. */
@Timeout(60)
class RestartTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @BeforeEach
    void pool() {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec:
                  addresses: [192.0.2.10-192.0.2.29]
                """);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void restartWithExistingAssignmentsWritesNothing() {
        ServiceController first = cluster.startController();
        for (int i = 0; i < 6; i++) {
            cluster.create(cluster.service("default", "svc-" + i).build());
        }
        Map<String, String> versions = new HashMap<>();
        Map<String, List<String>> addresses = new HashMap<>();
        for (int i = 0; i < 6; i++) {
            addresses.put("svc-" + i, cluster.awaitIngress("default", "svc-" + i, l -> !l.isEmpty()));
        }
        first.close();
        for (int i = 0; i < 6; i++) {
            versions.put("svc-" + i, cluster.get("default", "svc-" + i).getMetadata().getResourceVersion());
        }
        // Events follow the status writes: the first term's six are written after its statuses
        long allocatedEvents = ControllerFixture.await(this::allocatedEvents, count -> count == 6,
                "the first term's six IPAllocated Events");

        ServiceController second = cluster.startController();
        cluster.create(cluster.service("default", "newcomer").build());
        cluster.awaitIngress("default", "newcomer", l -> !l.isEmpty());

        for (int i = 0; i < 6; i++) {
            Service service = cluster.get("default", "svc-" + i);
            assertThat(service.getMetadata().getResourceVersion()).as("svc-" + i + " untouched")
                    .isEqualTo(versions.get("svc-" + i));
            assertThat(KubeServices.ingress(service).stream().map(Object::toString).toList())
                    .isEqualTo(addresses.get("svc-" + i));
        }
        assertThat(cluster.get("default", "newcomer").getStatus().getLoadBalancer().getIngress())
                .extracting(i -> i.getIp()).doesNotContainAnyElementsOf(addresses.values().stream().flatMap(List::stream).toList());
        assertThat(cluster.awaitEvent("default", "newcomer", ServiceReconciler.IP_ALLOCATED)).singleElement();
        assertThat(allocatedEvents()).as("only the newcomer's Event is new").isEqualTo(allocatedEvents + 1);
        assertThat(second.configState().result()).isEqualTo("Valid");
    }

    private long allocatedEvents() {
        return cluster.client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> e.getReason().equals("IPAllocated")).count();
    }

    @Test
    void recordedAddressesAreRestoredBeforePendingServicesAreServed() {
        cluster.create(cluster.service("default", "aaa-pending").build());
        Service holder = cluster.create(cluster.service("default", "zzz-holder").build());
        holder.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp("192.0.2.10").build()).endLoadBalancer().build());
        cluster.client.services().inNamespace("default").resource(holder).updateStatus();

        cluster.startController();

        assertThat(cluster.awaitIngress("default", "aaa-pending", l -> !l.isEmpty())).containsExactly("192.0.2.11");
        assertThat(cluster.awaitIngress("default", "zzz-holder", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        cluster.awaitEvent("default", "aaa-pending", ServiceReconciler.IP_ALLOCATED);
        assertThat(cluster.events("default", "zzz-holder")).noneMatch(e -> e.getReason().equals("IPAllocated"));
    }

    @Test
    void aRecordedAddressOutsideEveryPoolIsReplacedAndReported() {
        Service stray = cluster.create(cluster.service("default", "stray").build());
        stray.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp("203.0.113.77").build()).endLoadBalancer().build());
        cluster.client.services().inNamespace("default").resource(stray).updateStatus();

        cluster.startController();

        assertThat(cluster.awaitIngress("default", "stray", l -> l.equals(List.of("192.0.2.10")))).containsExactly("192.0.2.10");
        assertThat(cluster.awaitEvent("default", "stray", "ClearAssignment")).anySatisfy(e -> assertThat(e.getMessage())
                .contains("203.0.113.77"));
    }
}
