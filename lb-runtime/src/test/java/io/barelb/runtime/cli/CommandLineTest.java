package io.barelb.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The command line a user meets: help everywhere, and one line instead of a stack trace for what they cause. */
@Timeout(60)
class CommandLineTest {

    @TempDir
    Path work;

    /** An empty plugins folder: the commands run with the runtime's own rules only (pools). */
    private Path plugins() {
        try {
            return Files.createDirectories(work.resolve("no-plugins"));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private record Run(int exitCode, String out, String err) {
        String all() {
            return out + err;
        }
    }

    private Run run(String... args) {
        CliRun run = CliRun.of(args);
        return new Run(run.exitCode(), run.out(), run.err());
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.all()).doesNotContain("\tat ").doesNotContain("Exception:").doesNotContain("java.");
    }

    @Test
    void everyCommandAnswersHelpAndHelpNamesEachCommand() {
        List<String> names = new ArrayList<>(Main.commandLine().getSubcommands().keySet());
        assertThat(names).contains("controller", "speaker", "validate", "plan", "pools", "plugins", "help");
        for (String name : names) {
            Run help = run(name, "--help");
            assertThat(help.exitCode()).as("barelb %s --help: %s", name, help.all()).isZero();
            assertThat(help.out()).as("barelb %s --help", name).contains("Usage: barelb " + name);
        }
        Run help = run("help", "speaker");
        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: barelb speaker");
    }

    @Test
    void aMissingConfigFileIsOneLineNamingIt() {
        Run plan = run("plan", "--config", work.resolve("nope.yaml").toString(), "--plugins-dir", plugins().toString());
        assertThat(plan.exitCode()).isEqualTo(2);
        assertThat(plan.err().strip()).isEqualTo("error: " + work.resolve("nope.yaml") + ": no such file");
        assertNoStackTrace(plan);
    }

    @Test
    void anUnreachableClusterIsReportedWithinTheTimeoutNamingTheUrlAndWhatToDo() throws Exception {
        Path kubeconfig = work.resolve("kubeconfig");
        // port 9 on loopback (discard): nothing listens there in a test machine, so the connection is refused
        Files.writeString(kubeconfig, """
                apiVersion: v1
                kind: Config
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:9"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """);
        for (String command : List.of("pools", "plan")) {
            List<String> args = new ArrayList<>(List.of(command, "--kubeconfig", kubeconfig.toString(),
                    "--request-timeout", "2", "--plugins-dir", plugins().toString()));
            if (command.equals("plan")) {
                Path config = work.resolve("pool.yaml");
                Files.writeString(config, "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\n"
                        + "metadata: {name: p, namespace: metallb-system}\nspec: {addresses: [192.0.2.0/28]}\n");
                args.addAll(List.of("--config", config.toString()));
            }
            long start = System.nanoTime();
            Run run = run(args.toArray(String[]::new));
            long seconds = (System.nanoTime() - start) / 1_000_000_000L;
            assertThat(run.exitCode()).as(run.all()).isEqualTo(2);
            assertThat(run.err()).as(command).contains("https://127.0.0.1:9").contains("--kubeconfig")
                    .contains("--request-timeout");
            assertNoStackTrace(run);
            assertThat(seconds).as("%s gave up within the timeout (plus start-up)", command).isLessThan(15);
        }
    }

    @Test
    void aMissingOrBrokenKubeconfigIsNamed() throws Exception {
        Run missing = run("pools", "--kubeconfig", work.resolve("absent").toString(), "--plugins-dir", plugins().toString());
        assertThat(missing.exitCode()).isEqualTo(2);
        assertThat(missing.err()).contains("--kubeconfig " + work.resolve("absent") + ": no such file");
        Path broken = work.resolve("broken");
        Files.writeString(broken, "{{{ not yaml");
        Run notAConfig = run("pools", "--kubeconfig", broken.toString(), "--plugins-dir", plugins().toString());
        assertThat(notAConfig.exitCode()).isEqualTo(2);
        assertThat(notAConfig.err()).contains("not a kubeconfig file");
        assertNoStackTrace(missing);
        assertNoStackTrace(notAConfig);
    }

    @Test
    void validateReadsFoldersAndStandardInputAndNamesWhatItCannotRead() throws Exception {
        Path folder = work.resolve("config");
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("pool.yaml"), "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\n"
                + "metadata: {name: lab, namespace: metallb-system}\nspec: {addresses: [192.0.2.0/28]}\n");
        Files.writeString(folder.resolve("notes.txt"), "not configuration");
        Run valid = run("validate", folder.toString(), "--plugins-dir", plugins().toString());
        assertThat(valid.exitCode()).as(valid.all()).isZero();
        assertThat(valid.out()).contains("pools: 1");

        InputStream stdin = System.in;
        try {
            System.setIn(new ByteArrayInputStream("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: x}\nspec: {addresses: [192.0.2.20-192.0.2.10]}\n"
                    .getBytes(StandardCharsets.UTF_8)));
            Run piped = run("validate", "-", "--plugins-dir", plugins().toString());
            assertThat(piped.exitCode()).as(piped.all()).isEqualTo(1);
            assertThat(piped.err()).contains("192.0.2.20-192.0.2.10");
        } finally {
            System.setIn(stdin);
        }

        Path empty = work.resolve("empty");
        Files.createDirectories(empty);
        Path latin1 = work.resolve("latin1.yaml");
        Files.write(latin1, "metadata: {name: caf\u00e9}\n".getBytes(StandardCharsets.ISO_8859_1));
        Run none = run("validate", empty.toString(), work.resolve("nope.yaml").toString(), latin1.toString(),
                "--plugins-dir", plugins().toString());
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.err()).contains("Folder \"" + empty + "\": holds no *.yaml or *.yml file")
                .contains("File \"" + work.resolve("nope.yaml") + "\": no such file or folder")
                .contains("File \"" + latin1 + "\": cannot be read: is not UTF-8 text; save it as UTF-8")
                .doesNotContain("Exception");
        assertNoStackTrace(none);
    }

    @Test
    void shortCommandsKeepPluginLoadingOutOfTheirOutputUnlessAskedAndDaemonsLogIt() {
        String key = "org.slf4j.simpleLogger.log.io.barelb.runtime.plugin";
        try {
            System.clearProperty(key);
            Main.quietUnlessAsked(new String[] {"validate", "x.yaml"});
            assertThat(System.getProperty(key)).isEqualTo("warn");
            System.clearProperty(key);
            Main.quietUnlessAsked(new String[] {"speaker", "--static", "dir"});
            assertThat(System.getProperty(key)).isNull();
            Main.quietUnlessAsked(new String[] {"-v", "plugins"});
            assertThat(System.getProperty(key)).isNull();
        } finally {
            System.clearProperty(key);
            System.clearProperty("org.slf4j.simpleLogger.log.io.barelb");
        }
    }

    @Test
    void validateWarnsAboutAPoolNobodyAnnouncesAndAboutNothingToAssignAndStrictFailsOnThem() throws Exception {
        Path pools = work.resolve("pools.yaml");
        Files.writeString(pools, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: announced, namespace: metallb-system, labels: {zone: a}}
                spec: {addresses: [192.0.2.0/28]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: forgotten, namespace: metallb-system}
                spec: {addresses: [198.51.100.0/28]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {name: zone-a, namespace: metallb-system}
                spec: {ipAddressPoolSelectors: [{matchLabels: {zone: a}}]}
                """);
        Run lenient = run("validate", pools.toString(), "--plugins-dir", plugins().toString());
        assertThat(lenient.exitCode()).as(lenient.all()).isZero();
        // no plugin here claims BGPAdvertisement: it is ignored, so neither pool is announced (a claimed advertisement
        // kind that selects a pool silences its warning: MigrationChecksTest)
        assertThat(lenient.err()).contains("warning: BGPAdvertisement \"zone-a\": kind \"BGPAdvertisement\": no installed"
                        + " plugin claims kind BGPAdvertisement")
                .contains("warning: IPAddressPool \"forgotten\": no advertisement selects it")
                .contains("warning: IPAddressPool \"announced\": no advertisement selects it");
        Run strict = run("validate", "--strict", pools.toString(), "--plugins-dir", plugins().toString());
        assertThat(strict.exitCode()).isEqualTo(1);

        Path onlyAService = work.resolve("service.yaml");
        Files.writeString(onlyAService, "apiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec: {type: LoadBalancer}\n");
        Run nothing = run("validate", onlyAService.toString(), "--plugins-dir", plugins().toString());
        assertThat(nothing.exitCode()).isZero();
        assertThat(nothing.err()).contains("warning: no IPAddressPool");
        assertNoStackTrace(nothing);
    }

    @Test
    void validateWarnsAboutConfigurationInANamespaceNothingReadsAndStrictFailsOnIt() throws Exception {
        Path file = work.resolve("elsewhere.yaml");
        Files.writeString(file, """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool, namespace: default}
                spec: {addresses: [192.0.2.0/28]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: placed, namespace: metallb-system}
                spec: {addresses: [198.51.100.0/28]}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec: {type: LoadBalancer}
                """);
        Run lenient = run("validate", file.toString(), "--plugins-dir", plugins().toString());
        assertThat(lenient.exitCode()).as(lenient.all()).isZero();
        assertThat(lenient.err()).contains("warning: IPAddressPool \"pool\" is in namespace \"default\", but the"
                        + " controller and the speakers read configuration only from \"metallb-system\"")
                .contains("set metadata.namespace: metallb-system (or run them, and validate, with --namespace default)")
                .doesNotContain("IPAddressPool \"placed\" is in namespace").doesNotContain("Service \"web\"");
        assertNoStackTrace(lenient);
        assertThat(run("validate", "--strict", file.toString(), "--plugins-dir", plugins().toString()).exitCode())
                .isEqualTo(1);

        Run elsewhere = run("validate", "--namespace", "default", file.toString(), "--plugins-dir", plugins().toString());
        assertThat(elsewhere.err()).contains("IPAddressPool \"placed\" is in namespace \"metallb-system\"")
                .doesNotContain("IPAddressPool \"pool\" is in namespace");
    }
}
