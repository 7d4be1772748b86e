package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.host.PrometheusMetrics;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The speaker with a health check gating a VirtualIP and a Service: a real TCP backend on loopback, the speaker's
 * timers on a {@link ManualScheduler} (the probes run on it too), so rise and fall are driven by moving time, with
 * no sleep. An address is advertised only while this node's backend is healthy, and withheld otherwise.
 */
class HealthGatedSpeakerTest {

    private static final IpAddress VIP = IpAddress.parse("203.0.113.10");
    private final ManualScheduler timers = new ManualScheduler();
    private final PrometheusMetrics metrics = PrometheusMetrics.standalone();
    private final RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
    private ServerSocket backend;

    @AfterEach
    void stop() throws IOException {
        if (backend != null) {
            backend.close();
        }
    }

    private int listen() throws IOException {
        backend = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        return backend.getLocalPort();
    }

    private Speaker speaker() {
        return new Speaker("a", Optional.empty(), Fixtures.ipamFactories(), List.of(layer2), f -> null,
                new RecordingEvents(), metrics, StatusResources.NONE, timers, SpeakerTest.TIMINGS);
    }

    private static ConfigResource resource(String kind, String name, Map<String, ?> spec) {
        return new ConfigResource(kind, name, Map.of(), ConfigView.of(kind, name, "spec", spec));
    }

    private static ConfigResource check(int port) {
        return resource("HealthCheck", "backend", Map.of("port", port, "interval", "1s", "timeout", "200ms",
                "rise", 2, "fall", 2));
    }

    private static ClusterView vipView(int port) {
        return new ClusterView(List.of(), List.of(check(port), resource("VirtualIP", "api", Map.of(
                "addresses", List.of(VIP.toString()), "nodes", List.of("a", "b"), "healthCheck", "backend"))),
                List.of(), List.of(), List.of(Fixtures.node("a"), Fixtures.node("b")));
    }

    private AnnouncerState last() {
        return layer2.applied.get(layer2.applied.size() - 1);
    }

    @Test
    void aVirtualIpIsWithheldUntilTheBackendRisesAndAgainOnceItFalls() throws IOException {
        int port = listen();
        try (CapturedOutput log = new CapturedOutput(); Speaker speaker = speaker()) {
            speaker.reconcile(vipView(port));

            assertThat(last().advertisements()).isEmpty();
            assertThat(last().withheld()).singleElement().satisfies(ad -> {
                assertThat(ad.address()).isEqualTo(VIP);
                assertThat(ad.service().toString()).isEqualTo("VirtualIP/api");
                assertThat(ad.candidateNodes()).containsExactlyInAnyOrder("a", "b");
            });
            assertThat(speaker.addressStatus()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(AddressStatus.State.WITHHELD);
                assertThat(s.reason()).isEqualTo("backend not checked yet");
            });
            Map<String, String> withheld = Map.of("protocol", "layer2", "service", "VirtualIP/api",
                    "ip", VIP.toString(), "node", "a");
            assertThat(metrics.value(WithheldMetric.NAME, withheld)).isEqualTo(1);

            timers.advance(Duration.ZERO);
            assertThat(last().advertisements()).as("one success of two").isEmpty();
            timers.advance(Duration.ofSeconds(1));

            assertThat(last().withheld()).isEmpty();
            assertThat(last().advertisements()).extracting(Advertisement::address).containsExactly(VIP);
            assertThat(speaker.addressStatus()).singleElement().satisfies(s -> {
                assertThat(s.state()).isEqualTo(AddressStatus.State.HELD);
                assertThat(s.reason()).isEqualTo("backend healthy (2/2)");
            });
            assertThat(log.text()).contains("node a holds 203.0.113.10 (layer2, VirtualIP/api): backend healthy (2/2)");
            assertThat(metrics.value(WithheldMetric.NAME, withheld)).as("series removed").isNaN();
            assertThat(metrics.value(Speaker.ANNOUNCED_METRIC, Map.of("protocol", "layer2", "service", "VirtualIP/api",
                    "ip", VIP.toString(), "node", "a"))).isEqualTo(1);
            assertThat(metrics.value(HealthMonitor.HEALTHY_METRIC, Map.of("check", "backend", "node", "a"))).isEqualTo(1);
            assertThat(metrics.value(HealthMonitor.LATENCY_METRIC, Map.of("check", "backend", "node", "a"))).isNotNaN();

            backend.close();
            timers.advance(Duration.ofSeconds(1));
            assertThat(last().advertisements()).as("one failure of two").hasSize(1);
            timers.advance(Duration.ofSeconds(1));

            assertThat(last().advertisements()).isEmpty();
            assertThat(last().withheld()).extracting(Advertisement::address).containsExactly(VIP);
            assertThat(log.text()).contains("node a gave up 203.0.113.10 (layer2, VirtualIP/api): backend failing"
                    + " (fall 2): connection refused");
            assertThat(metrics.value(HealthMonitor.HEALTHY_METRIC, Map.of("check", "backend", "node", "a"))).isZero();
            assertThat(metrics.value(HealthMonitor.TRANSITIONS_METRIC, Map.of("check", "backend", "to", "healthy")))
                    .isEqualTo(1);
            assertThat(metrics.value(HealthMonitor.TRANSITIONS_METRIC, Map.of("check", "backend", "to", "failing")))
                    .isEqualTo(1);
            assertThat(metrics.value(HealthMonitor.PROBES_METRIC, Map.of("check", "backend", "result", "failure")))
                    .isEqualTo(2);
        }
    }

    @Test
    void theStatusPageSaysWhatThisNodeDoesWithEachAddressAndWhy() throws IOException {
        int port = listen();
        try (Speaker speaker = speaker()) {
            speaker.reconcile(vipView(port));
            timers.advance(Duration.ofSeconds(1));

            JsonNode page = JsonMapper.builder().build().readTree(SpeakerStatusPage.render("a", speaker));

            assertThat(page.get("node").asString()).isEqualTo("a");
            JsonNode address = page.get("addresses").get(0);
            assertThat(address.get("address").asString()).isEqualTo("203.0.113.10");
            assertThat(address.get("owner").asString()).isEqualTo("VirtualIP/api");
            assertThat(address.get("state").asString()).isEqualTo("HELD");
            assertThat(address.get("reason").asString()).isEqualTo("backend healthy (2/2)");
            assertThat(address.get("where").get(0).asString()).isEqualTo("eth0");
            JsonNode check = page.get("healthChecks").get(0);
            assertThat(check.get("name").asString()).isEqualTo("backend");
            assertThat(check.get("target").asString()).isEqualTo("TCP connect 127.0.0.1:" + port);
            assertThat(check.get("status").asString()).isEqualTo("HEALTHY");
        }
    }

    @Test
    void aServiceNamingAHealthCheckIsGatedTooAndOneNamingNoneThatExistsIsWithheld() throws IOException {
        int port = listen();
        Service gated = annotated(Fixtures.loadBalancer("web", "nginx", "Cluster", "192.0.2.1"), "backend");
        Service typo = annotated(Fixtures.loadBalancer("web", "typo", "Cluster", "192.0.2.2"), "bakend");
        ClusterView view = ClusterView.of(
                List.of(io.barelb.runtime.model.AddressPool.simple("front", List.of("192.0.2.0/28"))),
                List.of(Fixtures.l2Advertisement("all", Map.of()), check(port)), List.of(gated, typo),
                List.of(Fixtures.endpoints("web", "nginx", "a"), Fixtures.endpoints("web", "typo", "a")),
                List.of(Fixtures.node("a")));
        try (Speaker speaker = speaker()) {
            speaker.reconcile(view);
            assertThat(last().withheld()).extracting(Advertisement::address)
                    .containsExactlyInAnyOrder(IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.2"));

            timers.advance(Duration.ofSeconds(1));

            assertThat(last().advertisements()).extracting(Advertisement::address)
                    .containsExactly(IpAddress.parse("192.0.2.1"));
            assertThat(last().withheld()).extracting(Advertisement::address).containsExactly(IpAddress.parse("192.0.2.2"));
            assertThat(speaker.addressStatus()).filteredOn(s -> s.address().equals("192.0.2.2")).singleElement()
                    .satisfies(s -> assertThat(s.reason()).isEqualTo("health check bakend does not exist"));
            assertThat(speaker.healthReports()).containsOnlyKeys("backend");
        }
    }

    @Test
    void withoutAHealthCheckAVirtualIpIsAdvertisedFromTheStartForItsProtocolsOnly() {
        ClusterView view = new ClusterView(List.of(), List.of(resource("VirtualIP", "plain", Map.of(
                "addresses", List.of(VIP.toString()))), resource("VirtualIP", "bgp-only", Map.of(
                "addresses", List.of("203.0.113.11"), "protocols", List.of("bgp")))),
                List.of(), List.of(), List.of(Fixtures.node("a"), Fixtures.node("b", false, Map.of())));
        try (Speaker speaker = speaker()) {
            speaker.reconcile(view);

            assertThat(last().advertisements()).singleElement().satisfies(ad -> {
                assertThat(ad.address()).isEqualTo(VIP);
                assertThat(ad.candidateNodes()).as("every able node; b is not Ready").containsExactly("a");
            });
            assertThat(speaker.addressStatus()).singleElement().satisfies(s ->
                    assertThat(s.reason()).isEqualTo("no health check (a running speaker is enough)"));
        }
    }

    private static Service annotated(Service service, String check) {
        return new ServiceBuilder(service).editMetadata().addToAnnotations("barelb.io/health-check", check).endMetadata()
                .build();
    }
}
