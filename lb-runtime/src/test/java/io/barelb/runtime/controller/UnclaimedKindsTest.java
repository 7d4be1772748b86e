package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The controller with no announcer plugin installed: an {@code L2Advertisement} is claimed by nobody, so it is
 * reported (log, an {@code UnclaimedKind} Event, the ConfigurationState's warnings) naming the layer2 plugin, and the
 * pools are allocated from all the same.
 */
@Timeout(60)
class UnclaimedKindsTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void anUnclaimedKindIsReportedEverywhereAndBlocksNoAllocation() {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: lab}
                spec: {addresses: [192.0.2.10-192.0.2.19]}
                """);
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: L2Advertisement
                metadata: {name: l2}
                spec: {ipAddressPools: [lab]}
                """);
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());

        assertThat(cluster.awaitIngress("default", "web", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        String expected = "L2Advertisement \"l2\": kind \"L2Advertisement\": no installed plugin claims kind"
                + " L2Advertisement (metallb.io/v1beta1); it belongs to plugin layer2: install it in plugins/layer2;"
                + " this resource is ignored";
        assertThat(cluster.awaitEvent(ControllerFixture.NS, "l2", "UnclaimedKind"))
                .anySatisfy(e -> assertThat(e.getMessage()).isEqualTo(expected));
        assertThat(ControllerFixture.await(this::configurationState, s -> expected.equals(s.get("warnings")),
                "ConfigurationState to carry the warning")).containsEntry("result", "Valid");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> configurationState() {
        var state = cluster.client.genericKubernetesResources(io.barelb.runtime.kube.ConfigurationStateWriter.TYPE)
                .inNamespace(ControllerFixture.NS).withName("controller").get();
        Object status = state == null ? null : state.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
