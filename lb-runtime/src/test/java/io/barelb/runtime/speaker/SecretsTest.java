package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.cli.PlanCommand;
import io.barelb.runtime.cli.ValidateCommand;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Secrets reach a plugin in both speaker modes, from the configuration namespace only, and no value ever shows up
 * in a log line, an Event, or the output of {@code validate} and {@code plan}.
 */
@Timeout(60)
class SecretsTest {

    private static final String NS = "metallb-system";
    private static final String PASSWORD = "s3cr3t-Pa55word-41";
    private static final String TOKEN = "t0ken-In-StringData-42";
    private static final String OTHER = "0ther-Namespace-Value-43";
    private static final String NOT_BASE64 = "!!not*base64-44!!";
    private static final List<String> SECRETS = List.of(PASSWORD, TOKEN, OTHER, NOT_BASE64, base64(PASSWORD), base64(OTHER));

    @TempDir
    Path dir;

    @Test
    void staticFilesHandSecretsOfTheConfigurationNamespaceToPluginsAndNeverPrintThem() throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Fixtures.STATIC_CLUSTER);
        Path secrets = Files.writeString(dir.resolve("secrets.yaml"), """
                apiVersion: v1
                kind: Secret
                metadata: {namespace: metallb-system, name: bgp-auth}
                type: kubernetes.io/basic-auth
                data: {password: %s}
                stringData: {token: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {namespace: other, name: elsewhere}
                data: {password: %s}
                ---
                apiVersion: v1
                kind: Secret
                metadata: {name: broken}
                data: {password: "%s"}
                """.formatted(base64(PASSWORD), TOKEN, base64(OTHER), NOT_BASE64));
        SecretReadingFactory plugin = new SecretReadingFactory(List.of(new String[] {"bgp-auth", "password"},
                new String[] {"bgp-auth", "token"}, new String[] {"elsewhere", "password"},
                new String[] {"broken", "password"}, new String[] {"missing", "password"}));
        StringWriter commandOutput = new StringWriter();

        try (CapturedOutput log = new CapturedOutput()) {
            SpeakerProcess process = Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(), List.of(plugin)),
                    new SpeakerModule(settings(Optional.of(dir))), new StaticSourceModule(dir, NS))
                    .getInstance(SpeakerProcess.class);
            process.start();
            try {
                await(() -> plugin.read.size() == 5);
            } finally {
                process.stop();
            }
            assertThat(run(new ValidateCommand(), commandOutput, dir.resolve("cluster.yaml").toString(), secrets.toString()))
                    .isZero();
            assertThat(run(new PlanCommand(Fixtures.ipamFactories(), List.of()), commandOutput, "--config",
                    dir.resolve("cluster.yaml").toString(), secrets.toString(), "--services",
                    dir.resolve("cluster.yaml").toString())).isZero();

            assertThat(plugin.read).containsEntry("bgp-auth/password", Optional.of(PASSWORD))
                    .containsEntry("bgp-auth/token", Optional.of(TOKEN))
                    .containsEntry("elsewhere/password", Optional.empty())
                    .containsEntry("broken/password", Optional.empty())
                    .containsEntry("missing/password", Optional.empty());
            // the plugin's validation, in the speaker, reads the same Secrets through its ValidationContext
            assertThat(plugin.validated).containsEntry("bgp-auth/password", Optional.of(PASSWORD))
                    .containsEntry("missing/password", Optional.empty());
            assertThat(log.text()).contains("Secret other/elsewhere in " + dir + " is ignored")
                    .contains("Secret metallb-system/broken: data.password is not base64");
            assertThat(commandOutput.toString()).contains("valid: ").contains("1 Services: 1 keep");
            assertNoSecretIn(log.text() + commandOutput);
        }
    }

    @Test
    void theKubernetesApiHandsSecretsOfTheConfigurationNamespaceToPluginsAndNeverPrintsThem() throws Exception {
        SecretReadingFactory plugin = new SecretReadingFactory(List.of(new String[] {"bgp-auth", "password"},
                new String[] {"bgp-auth", "token"}, new String[] {"elsewhere", "password"},
                new String[] {"broken", "password"}));
        try (EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served());
             KubernetesClient client = api.newClient();
             CapturedOutput log = new CapturedOutput()) {
            client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("bgp-auth")
                    .withNamespace(NS).endMetadata().addToData("password", base64(PASSWORD))
                    .addToStringData("token", TOKEN).build()).create();
            client.secrets().inNamespace(NS).resource(new SecretBuilder().withNewMetadata().withName("broken")
                    .withNamespace(NS).endMetadata().addToData("password", NOT_BASE64).build()).create();
            client.secrets().inNamespace("other").resource(new SecretBuilder().withNewMetadata().withName("elsewhere")
                    .withNamespace("other").endMetadata().addToData("password", base64(OTHER)).build()).create();
            Fixtures.seedCluster(client, NS);

            SpeakerProcess process = Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(), List.of(plugin)),
                    new SpeakerModule(settings(Optional.empty())), new KubernetesSourceModule(client, NS))
                    .getInstance(SpeakerProcess.class);
            process.start();
            try {
                await(() -> plugin.read.size() == 4);
                await(() -> client.v1().events().inAnyNamespace().list().getItems().size() > 0);
            } finally {
                process.stop();
            }

            assertThat(plugin.read).containsEntry("bgp-auth/password", Optional.of(PASSWORD))
                    .containsEntry("bgp-auth/token", Optional.of(TOKEN))
                    .containsEntry("elsewhere/password", Optional.empty())
                    .containsEntry("broken/password", Optional.empty());
            String events = client.v1().events().inAnyNamespace().list().getItems().toString();
            assertThat(events).contains("nodeAssigned").as("the Events were read");
            assertNoSecretIn(log.text() + events);
        }
    }

    private static SpeakerSettings settings(Optional<Path> staticPath) {
        return new SpeakerSettings("node-a", Optional.empty(), 0, staticPath, Duration.ofMillis(50));
    }

    private static void assertNoSecretIn(String output) {
        for (String secret : SECRETS) {
            assertThat(output).as("output must not carry a Secret's value").doesNotContain(secret);
        }
    }

    private static int run(Object command, StringWriter output, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(output, true));
        line.setErr(new PrintWriter(output, true));
        return line.execute(args);
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(20);
        }
    }

}
