package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceStatusBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/migration.md: the controller started where MetalLB's stopped, over MetalLB's own configuration
 * ({@code metallb.io} CRs) and the Services as MetalLB left them (addresses in {@code status}, its
 * {@code metallb.io/ip-allocated-from-pool} annotation, old {@code metallb.universe.tf/} annotations), keeps every
 * address and writes nothing to those Services; a new Service gets the lowest free address. And moving the
 * configuration from {@code metallb.io} to {@code barelb.io} (the copy first, then MetalLB's deleted) changes no
 * address.
 */
@Timeout(60)
class MetalLbTakeoverTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void servicesMetalLbAssignedKeepTheirAddressesAndAreNotWritten() {
        cluster.pool("production", "192.0.2.10-192.0.2.19", true);
        cluster.pool("reserved", "198.51.100.0/29", false);
        // as MetalLB leaves them: not the lowest free addresses, so a fresh allocation would differ
        Service web = metalLbAssigned("web", 80, "192.0.2.15", "production",
                Map.of("metallb.io/allow-shared-ip", "front"));
        Service api = metalLbAssigned("api", 443, "192.0.2.15", "production",
                Map.of("metallb.io/allow-shared-ip", "front"));
        Service legacy = metalLbAssigned("legacy", 80, "198.51.100.3", "reserved",
                Map.of("metallb.universe.tf/address-pool", "reserved"));
        List<Service> before = List.of(web, api, legacy).stream()
                .map(s -> cluster.get("default", s.getMetadata().getName())).toList();

        cluster.startController();
        cluster.create(cluster.service("default", "newcomer").build());
        assertThat(cluster.awaitIngress("default", "newcomer", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        // Events follow the status writes, in order: once the newcomer's is stored, any the takeover wrote would be
        assertThat(cluster.awaitEvent("default", "newcomer", "IPAllocated")).isNotEmpty();

        for (Service old : before) {
            String name = old.getMetadata().getName();
            Service now = cluster.get("default", name);
            assertThat(KubeServices.ingress(now).stream().map(Object::toString).toList()).as(name)
                    .isEqualTo(KubeServices.ingress(old).stream().map(Object::toString).toList());
            assertThat(now.getMetadata().getResourceVersion()).as(name + " not written")
                    .isEqualTo(old.getMetadata().getResourceVersion());
            assertThat(cluster.events("default", name)).as(name).noneMatch(e -> e.getReason().equals("IPAllocated"));
        }
        assertThat(cluster.awaitEvent("default", "legacy", ServiceReconciler.DEPRECATED_ANNOTATION))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("metallb.universe.tf/address-pool"));
    }

    @Test
    void movingTheConfigurationToBarelbIoKeepsEveryAddress() {
        cluster.pool("production", "192.0.2.10-192.0.2.19", true);
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        assertThat(cluster.awaitIngress("default", "web", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        String version = cluster.get("default", "web").getMetadata().getResourceVersion();

        // the same pool under barelb.io: a duplicate name, so rejected, and the last good configuration serves on
        cluster.apply("""
                apiVersion: barelb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: production}
                spec: {addresses: [192.0.2.10-192.0.2.19]}
                """);
        assertThat(cluster.awaitEvent("metallb-system", "production", "InvalidConfig"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("duplicate pool name"));
        // then MetalLB's copy goes: valid again, with the same addresses
        cluster.client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace("metallb-system")
                .withName("production").delete();
        cluster.create(cluster.service("default", "after").build());
        assertThat(cluster.awaitIngress("default", "after", l -> !l.isEmpty())).containsExactly("192.0.2.11");

        assertThat(cluster.get("default", "web").getMetadata().getResourceVersion()).as("web not written")
                .isEqualTo(version);
        assertThat(KubeServices.ingress(cluster.get("default", "web")).stream().map(Object::toString).toList())
                .containsExactly("192.0.2.10");
    }

    /** A Service of {@code port} holding {@code ip} from {@code pool}, written as MetalLB's controller writes it. */
    private Service metalLbAssigned(String name, int port, String ip, String pool, Map<String, String> annotations) {
        Map<String, String> all = new HashMap<>(annotations);
        all.put(AllocatedPoolAnnotation.KEY, pool);
        Service service = cluster.create(cluster.service("default", name).editMetadata().withAnnotations(all)
                .endMetadata().editSpec().editFirstPort().withPort(port).endPort().endSpec().build());
        service.setStatus(new ServiceStatusBuilder().withNewLoadBalancer()
                .withIngress(new LoadBalancerIngressBuilder().withIp(ip).build()).endLoadBalancer().build());
        return cluster.client.services().inNamespace("default").resource(service).updateStatus();
    }
}
