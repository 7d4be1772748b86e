package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.runtime.host.Http;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The speaker process answers /healthz and /readyz on its metrics port from what it really knows. */
@Timeout(60)
class SpeakerHealthTest {

    @TempDir
    Path dir;

    private static final String CLUSTER = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-a}
            status: {conditions: [{type: Ready, status: "True"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {namespace: web, name: nginx}
            spec: {type: LoadBalancer}
            status: {loadBalancer: {ingress: [{ip: 192.0.2.10}]}}
            ---
            apiVersion: barelb.io/v1beta1
            kind: IPAddressPool
            metadata: {namespace: metallb-system, name: lab}
            spec: {addresses: [192.0.2.0/28]}
            """;

    /** An announcer plugin that cannot start on this node (as when a capability is missing). */
    private static final class BrokenFactory implements AnnouncerFactory {
        @Override
        public String name() {
            return "bgp";
        }

        @Override
        public Announcer create(PluginContext context) {
            throw new IllegalStateException("cannot bind port 179: permission denied");
        }
    }

    private SpeakerProcess start(List<AnnouncerFactory> announcers, int port) throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), CLUSTER);
        PluginRegistry registry = PluginRegistry.of(Fixtures.ipamFactories(), announcers);
        SpeakerSettings settings = new SpeakerSettings("node-a", Optional.empty(), port, Optional.of(dir), Duration.ofMillis(100));
        SpeakerProcess process = Injectors.create(registry, new SpeakerModule(settings), new StaticSourceModule(dir))
                .getInstance(SpeakerProcess.class);
        process.start();
        return process;
    }

    private static Http.Answer awaitReadyz(int port, int status) throws Exception {
        Instant deadline = Instant.now().plusSeconds(20);
        Http.Answer answer = Http.get(port, "/readyz");
        while (answer.status() != status && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
            answer = Http.get(port, "/readyz");
        }
        return answer;
    }

    @Test
    void aSpeakerThatHasReadTheClusterAndRunsItsAnnouncersIsReady() throws Exception {
        int port = Http.freePort();
        SpeakerProcess process = start(List.of(new RecordingAnnouncerFactory("layer2", false)), port);
        try {
            Http.Answer ready = awaitReadyz(port, 200);
            assertThat(ready.status()).as(ready.body()).isEqualTo(200);
            assertThat(ready.body()).contains("[+]process ok: running")
                    .contains("[+]informers ok: synced: 1 Services, 0 EndpointSlices, 1 Nodes")
                    .contains("[+]configuration ok: 1 pools")
                    .contains("[+]announcers ok: layer2 running");
            assertThat(Http.get(port, "/healthz").status()).isEqualTo(200);
            assertThat(Http.get(port, "/metrics").status()).isEqualTo(200);
        } finally {
            process.stop();
        }
    }

    @Test
    void anAnnouncerThatCannotStartMakesTheSpeakerUnreadyAndIsNamed() throws Exception {
        int port = Http.freePort();
        SpeakerProcess process = start(List.of(new RecordingAnnouncerFactory("layer2", false), new BrokenFactory()), port);
        try {
            // wait until the view is in, so that only the announcers check can be failing
            Instant deadline = Instant.now().plusSeconds(20);
            while (!process.health().readiness().body().contains("[+]informers") && Instant.now().isBefore(deadline)) {
                Thread.sleep(50);
            }
            Http.Answer answer = Http.get(port, "/readyz");
            assertThat(answer.status()).isEqualTo(503);
            assertThat(answer.body()).contains("[+]informers ok")
                    .contains("[-]announcers failed: bgp cannot start: cannot bind port 179: permission denied")
                    .endsWith("readyz check failed\n");
            assertThat(Http.get(port, "/healthz").status()).as("a broken announcer is no reason to restart").isEqualTo(200);
        } finally {
            process.stop();
        }
        assertThat(process.health().liveness().passing()).isFalse();
    }
}
