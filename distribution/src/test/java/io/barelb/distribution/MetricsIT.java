package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.testkit.Requirements;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The metrics of both processes, checked by Prometheus' own tools: the assembled {@code bin/barelb controller}
 * (against the embedded API) and {@code bin/barelb speaker --static} each serve {@code /metrics}; {@code promtool
 * check metrics} accepts each scrape, and a real Prometheus scrapes both and answers a query for their series.
 */
@Timeout(180)
class MetricsIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final List<Process> processes = new ArrayList<>();
    private EmbeddedKubernetes api;
    private Path distribution;

    @TempDir
    Path work;

    @BeforeEach
    void requirements() {
        Requirements.requireCommands("promtool", "prometheus");
        distribution = AssembledDistribution.checkedHome();
    }

    @AfterEach
    void stop() throws InterruptedException {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        if (api != null) {
            api.close();
        }
    }

    @Test
    void promtoolAcceptsBothScrapesAndPrometheusQueriesTheirSeries() throws Exception {
        int controllerPort = freePort();
        int speakerPort = freePort();
        int prometheusPort = freePort();
        startController(controllerPort);
        startSpeaker(speakerPort);

        String controller = awaitScrape(controllerPort, "barelb_build_info{component=\"controller\"");
        String speaker = awaitScrape(speakerPort, "barelb_build_info{component=\"speaker\"");
        assertThat(controller).contains("process_resident_memory_bytes").contains("jvm_memory_used_bytes");
        assertThat(speaker).contains("process_resident_memory_bytes");
        for (String scrape : List.of(controller, speaker)) {
            Result check = run(scrape, "promtool", "check", "metrics");
            assertThat(check.exitCode).as("promtool check metrics:%n%s%n%s", check.output, scrape).isZero();
        }

        Path config = work.resolve("prometheus.yml");
        Files.writeString(config, """
                global: {scrape_interval: 1s, scrape_timeout: 1s}
                scrape_configs:
                - job_name: barelb-controller
                  static_configs: [{targets: ['127.0.0.1:%d']}]
                - job_name: barelb-speaker
                  static_configs: [{targets: ['127.0.0.1:%d']}]
                """.formatted(controllerPort, speakerPort));
        Result configCheck = run("", "promtool", "check", "config", config.toString());
        assertThat(configCheck.exitCode).as(configCheck.output).isZero();
        start(work.resolve("prometheus.log"), "prometheus", "--config.file=" + config,
                "--storage.tsdb.path=" + work.resolve("tsdb"), "--web.listen-address=127.0.0.1:" + prometheusPort);

        String query = "http://127.0.0.1:" + prometheusPort + "/api/v1/query?query=";
        String up = await("both targets up in Prometheus", () -> {
            String body = get(query + encode("sum(up{job=~\"barelb-.*\"})"));
            return body != null && body.contains("\"2\"") ? body : null;
        });
        assertThat(up).contains("\"status\":\"success\"");
        String info = await("barelb_build_info from both jobs", () -> {
            String body = get(query + encode("count by (component) (barelb_build_info)"));
            return body != null && body.contains("\"controller\"") && body.contains("\"speaker\"") ? body : null;
        });
        assertThat(info).contains("\"component\":\"controller\"").contains("\"component\":\"speaker\"");
    }

    // ---- the processes

    private void startController(int metricsPort) throws IOException {
        api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served());
        KubernetesClient client = api.newClient();
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("metallb-system").endMetadata()
                .build()).create();
        GenericKubernetesResource pool = client.getKubernetesSerialization().unmarshal("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default, namespace: metallb-system}
                spec: {addresses: [192.0.2.0/28]}
                """, GenericKubernetesResource.class);
        client.resource(pool).inNamespace("metallb-system").create();
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80)
                .withProtocol("TCP").endPort().endSpec().build()).create();
        Path kubeconfig = api.writeKubeconfig(work.resolve("kubeconfig"));
        start(work.resolve("controller.log"), distribution.resolve("bin/barelb").toString(), "controller",
                "--kubeconfig", kubeconfig.toString(), "--identity", "metrics-it",
                "--metrics-port", String.valueOf(metricsPort));
    }

    private void startSpeaker(int metricsPort) throws IOException {
        Path folder = work.resolve("static");
        Files.createDirectories(folder);
        // no advertisement: the speaker announces nothing, so the test touches no network outside itself
        Files.writeString(folder.resolve("cluster.yaml"), """
                apiVersion: v1
                kind: Node
                metadata: {name: node-1}
                status:
                  conditions: [{type: Ready, status: "True"}]
                  addresses: [{type: InternalIP, address: 127.0.0.1}]
                ---
                apiVersion: v1
                kind: Service
                metadata: {namespace: default, name: web}
                spec: {type: LoadBalancer, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {ingress: [{ip: 192.0.2.1}]}}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {namespace: metallb-system, name: default}
                spec: {addresses: [192.0.2.0/28]}
                """);
        start(work.resolve("speaker.log"), distribution.resolve("bin/barelb").toString(), "speaker", "--static",
                folder.toString(), "--node", "node-1", "--metrics-port", String.valueOf(metricsPort));
    }

    private void start(Path log, String... command) throws IOException {
        processes.add(new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start());
    }

    // ---- helpers

    private String awaitScrape(int port, String needle) throws Exception {
        return await("a scrape of :" + port + " holding " + needle, () -> {
            String body = get("http://127.0.0.1:" + port + "/metrics");
            return body != null && body.contains(needle) ? body : null;
        });
    }

    private String get(String url) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private <T> T await(String what, Supplier<T> probe) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline) {
            T value = probe.get();
            if (value != null) {
                return value;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("gave up waiting for " + what + " after " + PATIENCE.toSeconds() + " s; logs:\n"
                + logs());
    }

    private String logs() throws IOException {
        StringBuilder text = new StringBuilder();
        for (String name : List.of("controller.log", "speaker.log", "prometheus.log")) {
            Path file = work.resolve(name);
            if (Files.exists(file)) {
                text.append("--- ").append(name).append('\n').append(Files.readString(file));
            }
        }
        return text.toString();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(String stdin, String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), output);
    }

    private static String encode(String query) {
        return URLEncoder.encode(query, StandardCharsets.UTF_8);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
