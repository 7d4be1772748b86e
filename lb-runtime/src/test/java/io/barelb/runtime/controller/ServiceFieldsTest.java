package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Each Service annotation and spec field the controller honours, end to end against the embedded API. */
@Timeout(60)
class ServiceFieldsTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @BeforeEach
    void pools() {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: general}
                spec:
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        cluster.apply("""
                apiVersion: barelb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: reserved}
                spec:
                  addresses: [198.51.100.0/29]
                  autoAssign: false
                """);
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: dual}
                spec:
                  addresses: [203.0.113.0/30, "2001:db8::/126"]
                  autoAssign: false
                """);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void addressPoolAnnotationPicksAPoolEvenWithoutAutoAssign() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").editMetadata()
                .withAnnotations(Map.of("metallb.io/address-pool", "reserved")).endMetadata().build());
        cluster.create(cluster.service("default", "plain").build());

        assertThat(cluster.awaitIngress("default", "web", l -> !l.isEmpty())).containsExactly("198.51.100.0");
        assertThat(cluster.awaitIngress("default", "plain", l -> !l.isEmpty())).containsExactly("192.0.2.10");
    }

    @Test
    void loadBalancerIpsAnnotationAndSpecFieldRequestExactAddresses() {
        cluster.startController();
        cluster.create(cluster.service("default", "by-annotation").editMetadata()
                .withAnnotations(Map.of("barelb.io/loadBalancerIPs", "192.0.2.15")).endMetadata().build());
        cluster.create(cluster.service("default", "by-field").editSpec().withLoadBalancerIP("198.51.100.5").endSpec().build());

        assertThat(cluster.awaitIngress("default", "by-annotation", l -> !l.isEmpty())).containsExactly("192.0.2.15");
        assertThat(cluster.awaitIngress("default", "by-field", l -> !l.isEmpty())).containsExactly("198.51.100.5");
    }

    @Test
    void bothTheFieldAndTheAnnotationIsAnAllocationFailureNamingBoth() {
        cluster.startController();
        cluster.create(cluster.service("default", "both").editMetadata()
                .withAnnotations(Map.of("metallb.io/loadBalancerIPs", "192.0.2.15")).endMetadata()
                .editSpec().withLoadBalancerIP("192.0.2.16").endSpec().build());

        var events = cluster.awaitEvent("default", "both", "AllocationFailed");

        assertThat(events).filteredOn(e -> e.getReason().equals("AllocationFailed")).singleElement()
                .satisfies(e -> assertThat(e.getMessage()).contains("spec.loadBalancerIP \"192.0.2.16\"")
                        .contains("loadBalancerIPs annotation \"192.0.2.15\""))
                .satisfies(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "both"))).isEmpty();
    }

    @Test
    void sharingKeyLetsServicesWithDifferentPortsShareOneAddress() {
        cluster.startController();
        Map<String, String> shared = Map.of("metallb.io/allow-shared-ip", "dns", "metallb.io/loadBalancerIPs", "192.0.2.12");
        cluster.create(cluster.service("default", "dns-tcp").editMetadata().withAnnotations(shared).endMetadata()
                .editSpec().editFirstPort().withPort(53).withProtocol("TCP").endPort().endSpec().build());
        cluster.create(cluster.service("default", "dns-udp").editMetadata().withAnnotations(shared).endMetadata()
                .editSpec().editFirstPort().withPort(53).withProtocol("UDP").endPort().endSpec().build());

        assertThat(cluster.awaitIngress("default", "dns-tcp", l -> !l.isEmpty())).containsExactly("192.0.2.12");
        assertThat(cluster.awaitIngress("default", "dns-udp", l -> !l.isEmpty())).containsExactly("192.0.2.12");
    }

    @Test
    void requireDualStackGetsOneAddressOfEachFamilyFromOnePool() {
        cluster.startController();
        cluster.create(cluster.service("default", "dual").editMetadata()
                .withAnnotations(Map.of("metallb.io/address-pool", "dual")).endMetadata()
                .editSpec().withIpFamilyPolicy("RequireDualStack").withIpFamilies("IPv6", "IPv4")
                .withClusterIPs("2001:db8:ffff::10", "192.0.2.250").endSpec().build());

        assertThat(cluster.awaitIngress("default", "dual", l -> l.size() == 2)).containsExactly("2001:db8::", "203.0.113.0");
    }

    @Test
    void requireDualStackWithOneClusterIpIsNotAllocatedAndWarns() {
        cluster.startController();
        cluster.create(cluster.service("default", "half").editMetadata()
                .withAnnotations(Map.of("metallb.io/address-pool", "dual")).endMetadata()
                .editSpec().withIpFamilyPolicy("RequireDualStack").withIpFamilies("IPv4", "IPv6")
                .withClusterIPs("192.0.2.250").endSpec().build());

        assertThat(cluster.awaitEvent("default", "half", "not enough clusterips"))
                .anySatisfy(e -> assertThat(e.getType()).isEqualTo("Warning"));
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "half"))).isEmpty();
    }

    @Test
    void preferDualStackLeftWithOneFamilyReportsAdditionalAssignFailed() {
        cluster.startController();
        cluster.create(cluster.service("default", "prefer").editSpec().withIpFamilyPolicy("PreferDualStack")
                .withIpFamilies("IPv4", "IPv6").endSpec().build());

        assertThat(cluster.awaitIngress("default", "prefer", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(cluster.awaitEvent("default", "prefer", "AdditionalAssignFailed"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("IPv6").contains("general"));
    }

    @Test
    void clusterIpsOfOneFamilyTwiceAreReportedAndNotAllocated() {
        cluster.startController();
        cluster.create(cluster.service("default", "odd").editSpec().withClusterIPs("192.0.2.250", "192.0.2.251")
                .endSpec().build());

        assertThat(cluster.awaitEvent("default", "odd", "noclusterIPsIPFamily"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("192.0.2.251"));
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "odd"))).isEmpty();
    }

    @Test
    void deprecatedAnnotationPrefixStillWorksAndWarns() {
        cluster.startController();
        cluster.create(cluster.service("default", "old").editMetadata()
                .withAnnotations(Map.of("metallb.universe.tf/address-pool", "reserved")).endMetadata().build());

        assertThat(cluster.awaitIngress("default", "old", l -> !l.isEmpty())).containsExactly("198.51.100.0");
        assertThat(cluster.awaitEvent("default", "old", "deprecatedAnnotation"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("metallb.universe.tf/address-pool"));
    }

    @Test
    void classFilteringHandlesUnclassedServicesByDefaultAndOnlyTheNamedClassWithLbClass() {
        ServiceController unclassed = cluster.startController();
        cluster.create(cluster.service("default", "mine").build());
        cluster.create(cluster.service("default", "theirs").editSpec().withLoadBalancerClass("example.com/other")
                .endSpec().build());
        assertThat(cluster.awaitIngress("default", "mine", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "theirs"))).isEmpty();
        unclassed.close();

        cluster.controller(ControllerOptions.defaults("classy").withLbClass("example.com/other")).start();

        assertThat(cluster.awaitIngress("default", "theirs", l -> !l.isEmpty())).hasSize(1);
        var mine = cluster.get("default", "mine");
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(mine)).extracting(Object::toString)
                .as("a controller of another class leaves unclassed Services alone").containsExactly("192.0.2.10");
    }

    @Test
    void changingTheTypeAwayFromLoadBalancerReleasesAndClearsTheAddress() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        cluster.awaitIngress("default", "web", l -> !l.isEmpty());

        Service current = cluster.get("default", "web");
        current.getSpec().setType("ClusterIP");
        cluster.client.services().inNamespace("default").resource(current).update();

        assertThat(cluster.awaitIngress("default", "web", List::isEmpty)).isEmpty();
        cluster.create(cluster.service("default", "next").build());
        assertThat(cluster.awaitIngress("default", "next", l -> !l.isEmpty())).containsExactly("192.0.2.10");
    }

    @Test
    void deletingAServiceFreesItsAddressForTheNextOne() {
        cluster.startController();
        cluster.create(cluster.service("default", "first").build());
        cluster.awaitIngress("default", "first", l -> !l.isEmpty());

        cluster.client.services().inNamespace("default").withName("first").delete();
        cluster.create(cluster.service("default", "second").build());

        assertThat(cluster.awaitIngress("default", "second", l -> !l.isEmpty())).containsExactly("192.0.2.10");
    }

    @Test
    void changingTheClassToAnotherControllersReleasesTheAddressWithoutTouchingTheStatus() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        assertThat(cluster.awaitIngress("default", "web", l -> !l.isEmpty())).containsExactly("192.0.2.10");

        // the pool annotation is written right after the status: edit the Service once both are in
        Service current = cluster.awaitAssigned("default", "web");
        current.getSpec().setLoadBalancerClass("example.com/other");
        cluster.client.services().inNamespace("default").resource(current).update();
        cluster.create(cluster.service("default", "next").build());

        assertThat(cluster.awaitIngress("default", "next", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "web"))).extracting(Object::toString)
                .as("the status now belongs to the other class's controller").containsExactly("192.0.2.10");
    }
}
