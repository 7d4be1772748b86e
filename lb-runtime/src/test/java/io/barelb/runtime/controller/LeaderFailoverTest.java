package io.barelb.runtime.controller;

import io.barelb.runtime.host.PrometheusMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.kube.KubeEventSink;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two replicas campaign for one Lease; one serves; when it goes, the other takes over without changing addresses. */
@Timeout(90)
class LeaderFailoverTest {

    private final ControllerFixture cluster = new ControllerFixture();
    private LeaderElectedController a;
    private LeaderElectedController b;

    @AfterEach
    void stop() {
        if (a != null) {
            a.close();
        }
        if (b != null) {
            b.close();
        }
        cluster.close();
    }

    private LeaderElectedController replica(String identity) {
        KubernetesClient client = cluster.api.newClient();
        ControllerOptions options = ControllerOptions.defaults(identity);
        KubeEventSink events = new KubeEventSink(client, "barelb-controller", Clock.systemUTC());
        return new LeaderElectedController(client, options,
                () -> new ServiceController(client, options, new ConfigValidator(ControllerFixture.IPAM, List.of()),
                        new IpamRegistry(ControllerFixture.IPAM), events, PrometheusMetrics.standalone(), Clock.systemUTC()),
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
    }

    @Test
    void exactlyOneReplicaServesAndTheOtherTakesOverWhenItStops() {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec:
                  addresses: [192.0.2.10-192.0.2.29]
                """);
        a = replica("replica-a");
        b = replica("replica-b");
        a.start();
        ControllerFixture.await(a::isLeading, leading -> leading, "replica-a to lead");
        b.start();
        cluster.create(cluster.service("default", "before").build());
        assertThat(cluster.awaitIngress("default", "before", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(b.isLeading()).isFalse();
        String holder = cluster.client.leases().inNamespace(ControllerFixture.NS)
                .withName(LeaderElectedController.LEASE_NAME).get().getSpec().getHolderIdentity();
        assertThat(holder).isEqualTo("replica-a");
        // the pool annotation follows the status: take the version once both are in
        String versionBefore = cluster.awaitAssigned("default", "before").getMetadata().getResourceVersion();

        a.close();
        ControllerFixture.await(b::isLeading, leading -> leading, "replica-b to take over");
        cluster.create(cluster.service("default", "after").build());

        assertThat(cluster.awaitIngress("default", "after", l -> !l.isEmpty())).containsExactly("192.0.2.11");
        assertThat(cluster.get("default", "before").getMetadata().getResourceVersion()).isEqualTo(versionBefore);
        assertThat(cluster.client.leases().inNamespace(ControllerFixture.NS).withName(LeaderElectedController.LEASE_NAME)
                .get().getSpec().getHolderIdentity()).isEqualTo("replica-b");
    }
}
