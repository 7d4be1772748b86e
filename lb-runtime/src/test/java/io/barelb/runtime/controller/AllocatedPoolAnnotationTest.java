package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code metallb.io/ip-allocated-from-pool}: written on assignment, removed with the address, nothing else touched. */
@Timeout(60)
class AllocatedPoolAnnotationTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @BeforeEach
    void pools() {
        cluster.pool("general", "192.0.2.10-192.0.2.19", true);
        cluster.pool("reserved", "198.51.100.0/29", false);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    private Optional<String> awaitPool(String name, Optional<String> wanted) {
        return ControllerFixture.await(() -> AllocatedPoolAnnotation.read(cluster.get("default", name)),
                wanted::equals, "pool annotation of " + name + " to be " + wanted);
    }

    @Test
    void aServiceWithoutAnnotationsGetsThePoolItsAddressCameFrom() {
        cluster.startController();
        cluster.create(cluster.service("default", "bare").build());

        assertThat(cluster.awaitIngress("default", "bare", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(awaitPool("bare", Optional.of("general"))).contains("general");
    }

    @Test
    void theAnnotationIsAddedNextToOthersWithoutTouchingThemOrTheSpec() {
        cluster.startController();
        Service created = cluster.create(cluster.service("default", "web").editMetadata()
                .withAnnotations(Map.of("metallb.io/address-pool", "reserved", "example.com/owner", "team-a"))
                .endMetadata().editSpec().addNewPort().withName("https").withPort(443).withProtocol("TCP").endPort()
                .editFirstPort().withName("http").endPort().endSpec().build());

        awaitPool("web", Optional.of("reserved"));
        Service after = cluster.get("default", "web");

        assertThat(after.getMetadata().getAnnotations()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "metallb.io/address-pool", "reserved", "example.com/owner", "team-a",
                AllocatedPoolAnnotation.KEY, "reserved"));
        assertThat(after.getSpec().getPorts()).as("lists in the spec are neither appended to nor replaced")
                .isEqualTo(created.getSpec().getPorts());
        assertThat(after.getSpec().getSelector()).isEqualTo(created.getSpec().getSelector());
        assertThat(after.getStatus().getLoadBalancer().getIngress()).extracting(i -> i.getIp())
                .containsExactly("198.51.100.0");
    }

    @Test
    void losingTheAddressRemovesTheAnnotationAndKeepsTheOthers() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").editMetadata()
                .withAnnotations(Map.of("example.com/owner", "team-a")).endMetadata().build());
        awaitPool("web", Optional.of("general"));

        Service current = cluster.get("default", "web");
        current.getMetadata().getAnnotations().put("metallb.io/address-pool", "no-such-pool");
        cluster.client.services().inNamespace("default").resource(current).update();

        assertThat(awaitPool("web", Optional.empty())).isEmpty();
        assertThat(cluster.awaitIngress("default", "web", List::isEmpty)).isEmpty();
        assertThat(cluster.get("default", "web").getMetadata().getAnnotations())
                .containsEntry("example.com/owner", "team-a").containsEntry("metallb.io/address-pool", "no-such-pool");
    }

    @Test
    void becomingAnotherTypeRemovesTheAnnotation() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        awaitPool("web", Optional.of("general"));

        Service current = cluster.get("default", "web");
        current.getSpec().setType("ClusterIP");
        cluster.client.services().inNamespace("default").resource(current).update();

        assertThat(awaitPool("web", Optional.empty())).isEmpty();
    }

    @Test
    void movingToAnotherPoolRewritesTheAnnotation() {
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        awaitPool("web", Optional.of("general"));

        Service current = cluster.get("default", "web");
        current.getMetadata().getAnnotations().put("metallb.io/address-pool", "reserved");
        cluster.client.services().inNamespace("default").resource(current).update();

        assertThat(awaitPool("web", Optional.of("reserved"))).contains("reserved");
        assertThat(cluster.awaitIngress("default", "web", l -> l.equals(List.of("198.51.100.0"))))
                .containsExactly("198.51.100.0");
    }
}
