package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Configuration changes at runtime: pools removed while in use, and invalid configurations. */
@Timeout(60)
class ConfigChangesTest {

    private final ControllerFixture cluster = new ControllerFixture();

    @AfterEach
    void stop() {
        cluster.close();
    }

    private void pool(String name, String addresses) {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s}
                spec:
                  addresses: [%s]
                """.formatted(name, addresses));
    }

    @Test
    void removingAPoolInUseClearsTheAssignmentAndMovesTheServiceToAnotherPool() {
        pool("old", "192.0.2.10-192.0.2.19");
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        assertThat(cluster.awaitIngress("default", "web", l -> !l.isEmpty())).containsExactly("192.0.2.10");

        pool("new", "198.51.100.0/30");
        cluster.client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace(ControllerFixture.NS)
                .withName("old").delete();

        assertThat(cluster.awaitIngress("default", "web", l -> l.equals(java.util.List.of("198.51.100.0"))))
                .containsExactly("198.51.100.0");
        assertThat(cluster.awaitEvent("default", "web", "ClearAssignment")).anySatisfy(e -> assertThat(e.getMessage())
                .startsWith("current IP [\"192.0.2.10\"] not allowed by config"));
    }

    @Test
    void removingTheOnlyPoolLeavesTheServiceWithoutAddressAndSaysSo() {
        pool("only", "192.0.2.10-192.0.2.19");
        cluster.startController();
        cluster.create(cluster.service("default", "web").build());
        cluster.awaitIngress("default", "web", l -> !l.isEmpty());

        cluster.client.genericKubernetesResources("metallb.io/v1beta1", "IPAddressPool").inNamespace(ControllerFixture.NS)
                .withName("only").delete();

        assertThat(cluster.awaitIngress("default", "web", java.util.List::isEmpty)).isEmpty();
        assertThat(cluster.awaitEvent("default", "web", "AllocationFailed")).anySatisfy(e -> assertThat(e.getMessage())
                .contains("no address pool may serve default/web"));
    }

    @Test
    void anInvalidConfigurationKeepsTheLastGoodOneAndIsReportedEverywhere() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        ServiceController controller = cluster.startController();
        cluster.create(cluster.service("default", "before").build());
        cluster.awaitIngress("default", "before", l -> !l.isEmpty());

        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                - name: clash
                  protocol: layer2
                  addresses: [192.0.2.0/24]
                """);
        ControllerFixture.await(controller::configState, ConfigState::stale, "the configuration to be rejected");
        cluster.create(cluster.service("default", "after").build());

        assertThat(cluster.awaitIngress("default", "after", l -> !l.isEmpty())).containsExactly("192.0.2.11");
        assertThat(cluster.awaitIngress("default", "before", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        ConfigState state = controller.configState();
        assertThat(state.result()).isEqualTo("Invalid");
        assertThat(state.inForce().orElseThrow().pools()).extracting(p -> p.name()).containsExactly("default");
        assertThat(state.problems()).extracting(p -> p.message()).containsExactly("ConfigMap \"config\":"
                + " address-pools[1].addresses[0] \"192.0.2.0/24\": overlaps 192.0.2.10-192.0.2.19 of pool \"default\";"
                + " an address may belong to one pool entry only");
        assertThat(cluster.metrics.value("metallb_k8s_client_config_stale_bool", Map.of())).isEqualTo(1.0);
        assertThat(ControllerFixture.await(this::configurationState, c -> "Invalid".equals(c.get("result")),
                "ConfigurationState to say Invalid")).containsEntry("lastValidInForce", true)
                .containsEntry("errorSummary", state.problems().get(0).message());
        assertThat(cluster.awaitEvent(ControllerFixture.NS, "config", "InvalidConfig"))
                .anySatisfy(e -> assertThat(e.getMessage()).contains("overlaps")
                        .endsWith("; the last valid configuration stays in force"));

        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        ControllerFixture.await(controller::configState, s -> !s.stale(), "the configuration to be valid again");
        // the ConfigurationState resource is written after the in-memory state changes: wait for it
        assertThat(ControllerFixture.await(this::configurationState, c -> "Valid".equals(c.get("result")),
                "ConfigurationState to say Valid")).containsEntry("errorSummary", "");
        assertThat(cluster.metrics.value("metallb_k8s_client_config_stale_bool", Map.of())).isEqualTo(0.0);
    }

    @Test
    @SuppressWarnings("unchecked")
    void poolStatusShowsAssignedAndAvailablePerFamily() {
        cluster.apply("""
                apiVersion: barelb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: dual}
                spec:
                  addresses: [192.0.2.0/30, "2001:db8::/126"]
                """);
        cluster.startController();
        cluster.create(cluster.service("default", "a").build());
        cluster.create(cluster.service("default", "b").build());

        Map<String, Object> status = ControllerFixture.await(() -> {
            var pool = cluster.client.genericKubernetesResources("barelb.io/v1beta1", "IPAddressPool")
                    .inNamespace(ControllerFixture.NS).withName("dual").get();
            Object value = pool.getAdditionalProperties().get("status");
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.<String, Object>of();
        }, s -> Long.valueOf(2).equals(number(s.get("assignedIPv4"))), "pool status with two IPv4 addresses assigned");

        assertThat(number(status.get("availableIPv4"))).isEqualTo(2L);
        assertThat(number(status.get("assignedIPv6"))).isEqualTo(0L);
        assertThat(number(status.get("availableIPv6"))).isEqualTo(4L);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> configurationState() {
        var state = cluster.client.genericKubernetesResources(io.barelb.runtime.kube.ConfigurationStateWriter.TYPE)
                .inNamespace(ControllerFixture.NS).withName("controller").get();
        Object status = state == null ? null : state.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }

    @Test
    void withoutAValidConfigurationNothingIsServedUntilOneArrives() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  addresses: [192.0.2.10-192.0.2.19]
                """);
        ServiceController controller = cluster.startController();
        cluster.create(cluster.service("default", "waiting").build());

        ConfigState rejected = controller.configState();
        assertThat(rejected.result()).isEqualTo("Invalid");
        assertThat(rejected.loaded()).isFalse();
        assertThat(rejected.problems()).extracting(p -> p.message())
                .containsExactly("ConfigMap \"config\": address-pools[0].protocol: is required: layer2 or bgp");
        assertThat(ControllerFixture.await(this::configurationState, c -> "Invalid".equals(c.get("result")),
                "ConfigurationState to say Invalid")).containsEntry("lastValidInForce", false);
        assertThat(io.barelb.runtime.kube.KubeServices.ingress(cluster.get("default", "waiting"))).isEmpty();

        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.0.2.10-192.0.2.19]
                """);

        assertThat(cluster.awaitIngress("default", "waiting", l -> !l.isEmpty())).containsExactly("192.0.2.10");
        assertThat(controller.configState().result()).isEqualTo("Valid");
    }
}
