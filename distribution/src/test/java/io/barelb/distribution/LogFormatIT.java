package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * The log of the assembled {@code bin/barelb}: with {@code --log-format=json} (or {@code BARELB_LOG_FORMAT=json})
 * every stderr line is one JSON object with the time, level, logger and message; a healthy start of the controller
 * and of the speaker against the embedded API logs no warning (fabric8's about our own CRD versions included), in
 * either format; and expected failures (a bad configuration, an API nobody answers) print no stack trace.
 */
@Timeout(240)
class LogFormatIT {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Pattern STACK_FRAME = Pattern.compile("^\\s+at [\\w$.]+\\(.*\\)$|^Caused by: ");
    private static final Pattern PLAIN_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}[+-]\\d{4} (TRACE|DEBUG|INFO|WARN|ERROR) \\S+ - .*");
    private static final ObjectMapper JSON = new ObjectMapper();

    private Path distribution;
    private EmbeddedKubernetes api;

    @TempDir
    Path work;

    @BeforeEach
    void locate() {
        distribution = AssembledDistribution.checkedHome();
    }

    @AfterEach
    void stop() {
        if (api != null) {
            api.close();
        }
    }

    @Test
    void withTheJsonFlagEveryLogLineIsAnObjectWithTimeLevelLoggerAndMessage() throws Exception {
        String err = healthyStart("speaker", List.of("--log-format=json"), Map.of());
        List<JsonNode> events = jsonLines(err);
        assertThat(events).as("events logged").hasSizeGreaterThan(3);
        long now = System.currentTimeMillis();
        for (JsonNode event : events) {
            assertThat(event.get("timestamp").isNumber()).as("timestamp of %s", event).isTrue();
            assertThat(event.get("timestamp").asLong()).as("timestamp of %s", event).isBetween(now - 600_000, now);
            assertThat(event.get("level").asString()).as("level of %s", event).isIn("DEBUG", "INFO", "WARN", "ERROR");
            assertThat(event.get("loggerName").asString()).as("logger of %s", event).isNotBlank();
            assertThat(event.get("formattedMessage").asString()).as("message of %s", event).isNotBlank();
            assertThat(event.path("throwable").isNull() || event.path("throwable").isMissingNode())
                    .as("no exception in %s", event).isTrue();
        }
        assertThat(events).anySatisfy(event -> {
            assertThat(event.get("loggerName").asString()).isEqualTo("io.barelb.runtime.speaker.SpeakerProcess");
            assertThat(event.get("formattedMessage").asString()).startsWith("speaker for node node-1 started");
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void aHealthyStartOfTheControllerAndOfTheSpeakerLogsNoWarning(String format) throws Exception {
        Map<String, String> environment = Map.of("BARELB_LOG_FORMAT", format);
        String controller = healthyStart("controller", List.of(), environment);
        String speaker = healthyStart("speaker", List.of(), environment);
        for (String err : List.of(controller, speaker)) {
            assertLines(format, err);
            assertThat(levels(format, err)).as("levels logged at start-up:%n%s", err).contains("INFO")
                    .doesNotContain("WARN", "ERROR");
            assertThat(err).doesNotContainIgnoringCase("version").as("fabric8's CRD version notice");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"plain", "json"})
    void expectedFailuresPrintNoStackTrace(String format) throws Exception {
        Map<String, String> environment = Map.of("BARELB_LOG_FORMAT", format);
        Path bad = Files.writeString(work.resolve("bad.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: p, namespace: metallb-system}
                spec: {addresses: [not-a-cidr]}
                """);
        try (LaunchedProcess validate = LaunchedProcess.start(distribution, work, "validate-" + format, environment,
                List.of("validate", bad.toString()))) {
            assertThat(validate.exitCode(PATIENCE)).isEqualTo(1);
            String output = validate.out() + validate.err();
            assertThat(output).contains("IPAddressPool \"p\": spec.addresses[0] \"not-a-cidr\"");
            assertNoStackTrace(output);
        }
        Path kubeconfig = Files.writeString(work.resolve("unreachable.kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: x, cluster: {server: "http://127.0.0.1:9"}}]
                contexts: [{name: x, context: {cluster: x, user: x, namespace: default}}]
                current-context: x
                users: [{name: x, user: {token: t}}]
                """);
        try (LaunchedProcess controller = LaunchedProcess.start(distribution, work, "unreachable-" + format,
                environment, List.of("controller", "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0"))) {
            assertThat(controller.awaitErrLine(PATIENCE, line -> line.contains("cannot reach the Kubernetes API")))
                    .as("the controller's notice; stderr:%n%s", controller.err()).isTrue();
            Thread.sleep(6_000); // past the first retry
            assertThat(controller.alive()).as("still waiting for the API").isTrue();
            assertLines(format, controller.err());
            assertNoStackTrace(controller.err());
        }
    }

    // ---- helpers

    /**
     * Starts {@code command} against a fresh embedded API holding a pool, a Node and a LoadBalancer Service; waits
     * until it is up (the controller: the Service has an address; the speaker: its start line) and 3 s more, stops
     * it, and returns its stderr.
     */
    private String healthyStart(String command, List<String> options, Map<String, String> environment)
            throws Exception {
        if (api != null) {
            api.close();
        }
        api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served());
        KubernetesClient client = api.newClient();
        ApiSeed.pool(client, "default", "192.0.2.0/28");
        client.nodes().resource(new NodeBuilder().withNewMetadata().withName("node-1").endMetadata().withNewStatus()
                .addNewAddress().withType("InternalIP").withAddress("127.0.0.1").endAddress().endStatus().build())
                .create();
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80)
                .withProtocol("TCP").endPort().endSpec().build()).create();
        Path kubeconfig = api.writeKubeconfig(work.resolve(command + ".kubeconfig"));
        List<String> args = new java.util.ArrayList<>(options);
        args.addAll(List.of(command, "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0"));
        args.addAll(command.equals("speaker") ? List.of("--node", "node-1") : List.of("--identity", "log-it"));
        String name = command + "-" + environment.getOrDefault("BARELB_LOG_FORMAT", "flag");
        try (LaunchedProcess process = LaunchedProcess.start(distribution, work, name, environment, args)) {
            boolean up = command.equals("speaker")
                    ? process.awaitErrLine(PATIENCE, line -> line.contains("speaker for node node-1 started"))
                    : awaitAssigned(client, process);
            assertThat(up).as("%s up; stderr:%n%s", command, process.err()).isTrue();
            Thread.sleep(3_000);
            assertThat(process.alive()).as("%s still running; stderr:%n%s", command, process.err()).isTrue();
            return process.err();
        }
    }

    private static boolean awaitAssigned(KubernetesClient client, LaunchedProcess controller) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && controller.alive()) {
            Service web = client.services().inNamespace("default").withName("web").get();
            if (web != null && web.getStatus() != null && web.getStatus().getLoadBalancer() != null
                    && !web.getStatus().getLoadBalancer().getIngress().isEmpty()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    /** Every stderr line is a log event of {@code format}. */
    private static void assertLines(String format, String err) {
        for (String line : err.lines().toList()) {
            if (format.equals("json")) {
                assertThat(JSON.readTree(line).isObject()).as("a JSON object: %s", line).isTrue();
            } else {
                assertThat(line).as("a plain log line").matches(PLAIN_LINE);
            }
        }
    }

    private static List<String> levels(String format, String err) {
        return format.equals("json") ? jsonLines(err).stream().map(e -> e.get("level").asString()).toList()
                : err.lines().map(PLAIN_LINE::matcher).filter(java.util.regex.Matcher::matches).map(m -> m.group(1))
                .toList();
    }

    private static List<JsonNode> jsonLines(String err) {
        return err.lines().map(JSON::readTree).toList();
    }

    private static void assertNoStackTrace(String output) {
        assertThat(output.lines().filter(line -> STACK_FRAME.matcher(line).find()).toList())
                .as("stack trace lines in:%n%s", output).isEmpty();
        assertThat(output).doesNotContain("\"throwable\":{").doesNotContain("Exception:");
    }
}
