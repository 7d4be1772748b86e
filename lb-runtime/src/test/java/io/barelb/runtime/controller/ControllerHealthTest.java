package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.Http;
import io.barelb.runtime.host.PrometheusMetrics;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.Closeable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two controller replicas serve /healthz and /readyz as {@code barelb controller} does: leader and standby both ready. */
@Timeout(90)
class ControllerHealthTest {

    private final ControllerFixture cluster = new ControllerFixture();
    private final List<AutoCloseable> started = new ArrayList<>();

    @AfterEach
    void stop() throws Exception {
        for (int i = started.size() - 1; i >= 0; i--) {
            started.get(i).close();
        }
        cluster.close();
    }

    /** A replica as {@link ControllerCommand#call()} wires it, serving on {@code port}. */
    private LeaderElectedController replica(String identity, int port) {
        KubernetesClient client = cluster.api.newClient();
        ControllerOptions options = ControllerOptions.defaults(identity);
        PrometheusMetrics metrics = PrometheusMetrics.standalone();
        com.google.inject.Provider<ServiceController> controllers = cluster.injector(client, options, metrics)
                .getProvider(ServiceController.class);
        LeaderElectedController elected = new LeaderElectedController(client, options, controllers::get,
                Duration.ofSeconds(3), Duration.ofSeconds(2), Duration.ofMillis(250));
        HealthChecks health = new HealthChecks();
        ControllerHealth.register(health, elected);
        Closeable server = metrics.serve(port, health);
        started.add(server::close);
        started.add(elected);
        return elected;
    }

    private static Http.Answer get(int port, String path) {
        try {
            return Http.get(port, path);
        } catch (Exception e) {
            return new Http.Answer(-1, e.toString());
        }
    }

    @Test
    void theLeaderAndTheStandbyAreBothReadyAndSayWhichTheyAre() throws Exception {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec:
                  addresses: [192.0.2.10-192.0.2.29]
                """);
        int portA = Http.freePort();
        int portB = Http.freePort();
        LeaderElectedController a = replica("replica-a", portA);
        assertThat(get(portA, "/healthz").status()).as("not campaigning yet").isEqualTo(503);
        a.start();
        ControllerFixture.await(a::isLeading, leading -> leading, "replica-a to lead");
        LeaderElectedController b = replica("replica-b", portB);
        b.start();
        ControllerFixture.await(() -> get(portB, "/readyz").body(), body -> body.contains("leader is replica-a"),
                "replica-b to see the leader");

        Http.Answer leader = ControllerFixture.await(() -> get(portA, "/readyz"), answer -> answer.status() == 200,
                "the leader to be ready");
        assertThat(leader.body()).contains("[+]leadership ok: leader (replica-a)")
                .contains("[+]informers ok: synced").contains("[+]configuration ok: valid, 1 pools")
                .contains("[+]leader-election ok: campaigning");
        Http.Answer standby = get(portB, "/readyz");
        assertThat(standby.status()).isEqualTo(200);
        assertThat(standby.body()).contains("[+]leadership ok: standby (replica-b); leader is replica-a")
                .contains("[+]informers ok: standby");
        assertThat(get(portB, "/healthz").status()).isEqualTo(200);
    }

    @Test
    void aLeaderWithoutAValidConfigurationIsNotReadyAndSaysWhy() throws Exception {
        cluster.apply("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: broken}
                spec:
                  addresses: [192.0.2.300-192.0.2.301]
                """);
        int port = Http.freePort();
        LeaderElectedController a = replica("replica-a", port);
        a.start();
        ControllerFixture.await(a::isLeading, leading -> leading, "replica-a to lead");
        Http.Answer answer = ControllerFixture.await(() -> get(port, "/readyz"),
                reply -> reply.body().contains("configuration"), "the configuration check");
        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.body()).contains("[-]configuration failed: no valid configuration yet: ")
                .contains("broken").contains("[+]leadership ok: leader (replica-a)");
        assertThat(get(port, "/healthz").status()).as("a bad configuration is no reason to restart").isEqualTo(200);

        a.close();
        Http.Answer ended = get(port, "/healthz");
        assertThat(ended.status()).isEqualTo(503);
        assertThat(ended.body()).contains("[-]leader-election failed: the campaign for Lease barelb-controller ended");
    }
}
