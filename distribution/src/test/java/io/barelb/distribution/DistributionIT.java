package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.TestJars;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the assembled distribution the way an operator would: {@code bin/barelb} in a copy of the folder,
 * with a third-party plugin built at test time against nothing but the distribution's lb-api jar.
 */
class DistributionIT {

    private static Path distribution;

    @TempDir
    Path work;

    @BeforeAll
    static void locate() {
        distribution = AssembledDistribution.checkedHome();
    }

    @Test
    void theLayoutHasBinLibPluginsAndEtc() throws IOException {
        assertThat(distribution.resolve("lib")).isDirectory();
        assertThat(jarNames(distribution.resolve("lib"))).anyMatch(n -> n.startsWith("lb-runtime-"))
                .anyMatch(n -> n.startsWith("lb-api-"))
                .noneMatch(n -> n.startsWith("ipam-") || n.startsWith("announcer-"))
                .as("the product's lib/ holds no demo, mock server or vert.x jar")
                .noneMatch(n -> n.startsWith("kubernetes-server-mock-") || n.startsWith("mockwebserver-")
                        || n.startsWith("vertx-") || n.startsWith("lb-demo-") || n.startsWith("lb-embedded-api-"));
        assertThat(jarNames(distribution.resolve("demo"))).as("demo/ holds the demo and its embedded API")
                .anyMatch(n -> n.startsWith("lb-demo-")).anyMatch(n -> n.startsWith("kubernetes-server-mock-"))
                .noneMatch(n -> n.startsWith("lb-runtime-") || n.startsWith("lb-api-"));
        assertThat(distribution.resolve("etc/metallb-configmap.yaml")).isRegularFile();
        // their content is checked by AssembledManifestsIT
        assertThat(distribution.resolve("manifests/barelb.yaml")).isRegularFile();
        assertThat(distribution.resolve("manifests/metallb-crds.yaml")).isRegularFile();
        assertThat(distribution.resolve("charts/barelb/Chart.yaml")).isRegularFile();
        assertThat(distribution.resolveSibling(distribution.getFileName() + ".tar.gz")).isRegularFile();
        assertThat(jarNames(distribution.resolve("plugins/bgp"))).as("the bgp plugin brings its own Netty")
                .anyMatch(n -> n.startsWith("announcer-bgp-"))
                .anyMatch(n -> n.startsWith("netty-transport-native-epoll-") && n.endsWith("-linux-x86_64.jar"));
        assertThat(jarNames(distribution.resolve("lib"))).as("Netty is the bgp plugin's, never the runtime's")
                .noneMatch(n -> n.startsWith("netty-"));
        try (Stream<Path> plugins = Files.list(distribution.resolve("plugins"))) {
            for (Path plugin : plugins.filter(Files::isDirectory).toList()) {
                assertThat(jarNames(plugin)).as("jars of built-in plugin %s", plugin.getFileName())
                        .isNotEmpty()
                        .noneMatch(n -> n.startsWith("lb-api-") || n.startsWith("slf4j-api-") || n.startsWith("lb-runtime-"));
            }
        }
    }

    @Test
    void versionPrintsTheBuildVersion() throws Exception {
        Result result = run(distribution, "--version");
        assertThat(result.exitCode).isZero();
        assertThat(result.out).startsWith("barelb ").doesNotContain("unknown");
    }

    @Test
    void theDemoGivesTheNginxServiceAnAddressFromThePoolUsingThePluginsFolder() throws Exception {
        Result result = run(distribution, "demo", "--exit-after-seconds", "0", "--kubeconfig-out",
                work.resolve("demo.kubeconfig").toString());

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).containsPattern("(?m)^NAME\\s+TYPE\\s+CLUSTER-IP\\s+EXTERNAL-IP\\s+PORT\\(S\\)\\s+AGE$")
                .containsPattern("(?m)^nginx\\s+LoadBalancer\\s+\\S+\\s+192\\.168\\.92\\.(20\\d|210)\\s");
        assertThat(work.resolve("demo.kubeconfig")).isRegularFile();
    }

    @Test
    void pluginsListsTheBuiltInsAndADroppedInThirdPartyJar() throws Exception {
        Path copy = work.resolve("barelb");
        copyTree(distribution, copy);
        Path api = jarNames(copy.resolve("lib")).stream().filter(n -> n.startsWith("lb-api-")).findFirst()
                .map(n -> copy.resolve("lib").resolve(n)).orElseThrow();
        new TestJars()
                .classPath(api)
                .source("com.example.hello.HelloPlugin", """
                        package com.example.hello;
                        import io.barelb.api.*;
                        import io.barelb.api.plugin.*;
                        import io.barelb.api.announce.*;
                        import java.util.*;
                        import java.util.concurrent.atomic.AtomicReference;
                        public final class HelloPlugin implements LbPlugin {
                          @Override public List<AnnouncerFactory> announcerFactories() {
                            return List.of(new AnnouncerFactory() {
                              @Override public String name() { return "hello"; }
                              @Override public Announcer create(PluginContext context) {
                                AtomicReference<AnnouncerState> last = new AtomicReference<>(AnnouncerState.empty());
                                return new Announcer() {
                                  @Override public void apply(AnnouncerState desired) { last.set(desired); }
                                  @Override public List<AnnouncementStatus> status() {
                                    List<AnnouncementStatus> all = new ArrayList<>();
                                    for (Advertisement a : last.get().advertisements()) {
                                      all.add(new AnnouncementStatus(a.service(), a.address(), false, List.of(), "hello only logs"));
                                    }
                                    return all;
                                  }
                                  @Override public void close() { last.set(AnnouncerState.empty()); }
                                };
                              }
                            });
                          }
                        }
                        """)
                .resource("META-INF/services/io.barelb.api.plugin.LbPlugin", "com.example.hello.HelloPlugin\n")
                .writeTo(copy.resolve("plugins/hello/hello-plugin-1.0.jar"));

        Result result = run(copy, "plugins");

        assertThat(result.exitCode).as(result.err).isZero();
        assertThat(result.out).containsPattern("(?m)^hello\\s+announcer\\s+hello\\s+-\\s+hello-plugin-1.0.jar$");
        // per factory what it accepts: the announcers' kinds (advertisement kind starred), the IPAM notations
        assertThat(result.out).containsPattern("(?m)^layer2\\s+announcer\\s+layer2\\s+L2Advertisement\\*\\s")
                .containsPattern("(?m)^bgp\\s+announcer\\s+bgp\\s+\\S*BGPAdvertisement\\*")
                .containsPattern("(?m)^cidr\\s+ipam\\s+cidr\\s+ADDRESS/LENGTH\\s");
        try (Stream<Path> builtIns = Files.list(distribution.resolve("plugins"))) {
            for (Path builtIn : builtIns.filter(Files::isDirectory).toList()) {
                assertThat(result.out).containsPattern("(?m)^" + builtIn.getFileName() + "\\s");
            }
        }
    }

    @Test
    void aBrokenPluginFolderStopsWithAMessageNamingIt() throws Exception {
        Path copy = work.resolve("barelb");
        copyTree(distribution, copy);
        Files.createDirectories(copy.resolve("plugins/broken"));
        Files.writeString(copy.resolve("plugins/broken/notes.txt"), "not a jar");

        Result result = run(copy, "plugins");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.err).contains("plugins/broken").contains("holds no .jar file");
    }

    private record Result(int exitCode, String out, String err) {
    }

    private static Result run(Path home, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of(home.resolve("bin/barelb").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("barelb-out", ".txt");
        Path err = Files.createTempFile("barelb-err", ".txt");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("barelb %s finished", List.of(args)).isTrue();
        return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    private static List<String> jarNames(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".jar")).sorted().toList();
        }
    }

    private static void copyTree(Path from, Path to) throws Exception {
        Process copy = new ProcessBuilder("cp", "-a", from.toString(), to.toString()).inheritIO().start();
        assertThat(copy.waitFor()).isZero();
    }
}
