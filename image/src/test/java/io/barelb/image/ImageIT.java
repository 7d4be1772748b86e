package io.barelb.image;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;

/**
 * The image the build wrote (an OCI tarball), unpacked layer by layer and run the way a container runtime runs
 * it: its entrypoint, user, environment and working directory, in a chroot with its own /proc. Proves that
 * {@code bin/barelb} finds a shell, its tools and a Java runtime in the image, that the CLI answers, and that the
 * layer2 plugin's libpcap loads.
 */
class ImageIT {

    private static final String VERSION = System.getProperty("barelb.version", "0.1.0-SNAPSHOT");
    private static final Path DISTRIBUTION = Path.of(System.getProperty("barelb.distribution",
            "../distribution/target/barelb-" + VERSION));

    @TempDir
    static Path root;

    private static OciArchive archive;
    private static JsonNode config;
    private static ImageRun image;

    @BeforeAll
    static void unpack() throws IOException {
        Path tarball = Path.of(System.getProperty("barelb.image.tarball", "target/barelb-image.tar"));
        // the build leaves the image out, saying why, on a machine without busybox-static or libpcap0.8 (not in CI)
        Requirements.require(Files.isRegularFile(tarball), "needs the image tarball " + tarball + ", which the build "
                + "writes where busybox-static and libpcap0.8 are installed (.ci/run installs them)");
        archive = OciArchive.read(tarball);
        config = archive.containerConfig();
        Map<String, String> environment = new LinkedHashMap<>();
        for (JsonNode variable : config.get("Env")) {
            String entry = variable.asString();
            environment.put(entry.substring(0, entry.indexOf('=')), entry.substring(entry.indexOf('=') + 1));
        }
        image = new ImageRun(root, config.get("User").asString(), config.get("WorkingDir").asString(), environment);
        // an image's / is 755 (JUnit makes its folders 700, which the image's user could not enter)
        Files.setPosixFilePermissions(root, PosixFilePermissions.fromString("rwxr-xr-x"));
        archive.unpack(root);
    }

    @Test
    void theTarballCarriesTheNameTheManifestAndTheChartReference() throws IOException {
        String manifest = Files.readString(DISTRIBUTION.resolve("manifests/barelb.yaml"));
        Set<String> referenced = new TreeSet<>(matches(manifest, "(?m)^\\s+image: (\\S+)$"));
        assertThat(referenced).as("images in manifests/barelb.yaml").hasSize(1);
        assertThat(archive.refName()).isEqualTo(referenced.iterator().next()).isEqualTo(ImageBuilder.tarballName(VERSION));
        String chart = Files.readString(DISTRIBUTION.resolve("charts/barelb/Chart.yaml"));
        assertThat(archive.refName()).as("repository barelb, tag the chart's appVersion")
                .isEqualTo("barelb:" + matches(chart, "(?m)^appVersion: \"?([^\"\\s]+)\"?$").get(0));
    }

    @Test
    void theConfigurationRunsTheLauncherAsNobodyInItsHome() throws IOException {
        assertThat(strings(config.get("Entrypoint"))).containsExactly("/opt/barelb/bin/barelb");
        assertThat(strings(config.get("Cmd"))).containsExactly("--help");
        assertThat(config.get("WorkingDir").asString()).isEqualTo("/opt/barelb");
        // the controller's manifest asks for 65534 with runAsNonRoot, the speaker's for 0 (CAP_NET_RAW)
        assertThat(config.get("User").asString()).isEqualTo("65534:65534");
        assertThat(strings(config.get("Env"))).contains("JAVA_HOME=/opt/java/openjdk")
                .anyMatch(e -> e.startsWith("PATH=/opt/barelb/bin:/opt/java/openjdk/bin:"));
        assertThat(config.get("Labels").get("org.opencontainers.image.version").asString()).isEqualTo(VERSION);
        String manifest = Files.readString(DISTRIBUTION.resolve("manifests/barelb.yaml"));
        Set<String> declared = new TreeSet<>();
        Matcher port = Pattern.compile("containerPort: (\\d+)(?:, protocol: (TCP|UDP))?").matcher(manifest);
        while (port.find()) {
            declared.add(port.group(1) + "/" + (port.group(2) == null ? "tcp" : port.group(2).toLowerCase()));
        }
        assertThat(config.get("ExposedPorts").propertyNames()).as("the ports the manifest's containers declare")
                .containsExactlyInAnyOrderElementsOf(declared);
    }

    @Test
    void theDefaultCommandPrintsTheHelp() throws Exception {
        requireChroot();
        ImageRun.Result help = image.run(entrypointAnd(strings(config.get("Cmd"))));
        assertThat(help.exitCode()).as(help.err()).isZero();
        assertThat(help.out()).startsWith("Usage: barelb").contains("controller", "speaker", "validate");
    }

    @Test
    void versionIsTheBuildVersionOnTheImageRuntime() throws Exception {
        requireChroot();
        ImageRun.Result version = image.run(entrypointAnd(List.of("--version")));
        assertThat(version.exitCode()).as(version.err()).isZero();
        assertThat(version.out().lines().findFirst()).hasValue("barelb " + VERSION);
        assertThat(version.out().lines().skip(1).findFirst()).as("the image's Java runtime")
                .hasValueSatisfying(line -> assertThat(line).startsWith("Java 17."));
    }

    @Test
    void theControllerAndTheSpeakerStartTheirJvmUnderAContainersMemoryLimit() throws Exception {
        requireChroot();
        // a pod's memory limit, for a launcher that sizes the JVM by it (read from BARELB_CGROUP_FS when set, else
        // /sys/fs/cgroup, which a chroot lacks): both long-running commands must start on the image's runtime
        Path cgroup = root.resolve("tmp/cgroup");
        Files.createDirectories(cgroup);
        Files.writeString(cgroup.resolve("memory.max"), "536870912\n");
        for (String command : List.of("controller", "speaker")) {
            ImageRun.Result help = image.run(entrypointAnd(List.of(command, "--help")), Map.of("BARELB_CGROUP_FS", "/tmp/cgroup"));
            assertThat(help.exitCode()).as(command + ": " + help.err()).isZero();
            assertThat(help.out()).as(command).startsWith("Usage: barelb " + command);
        }
    }

    @Test
    void validateAcceptsTheShippedConfigMapCopiedIntoTheImage() throws Exception {
        requireChroot();
        Files.copy(Path.of("../distribution/src/main/etc/metallb-configmap.yaml"), root.resolve("tmp/config.yaml"));
        ImageRun.Result valid = image.run(entrypointAnd(List.of("validate", "/tmp/config.yaml")));
        assertThat(valid.exitCode()).as(valid.err()).isZero();
        assertThat(valid.out()).startsWith("valid: /tmp/config.yaml").contains("pools: 1 (11 IPv4 and 0 IPv6 addresses)");
    }

    @Test
    void validateNamesTheBadFieldInsideTheImage() throws Exception {
        requireChroot();
        String pool = Files.readString(Path.of("../distribution/src/main/etc/ipaddresspool.yaml"));
        Files.writeString(root.resolve("tmp/bad-pool.yaml"), pool.replace("192.168.92.200-", "192.168.92.300-"));
        ImageRun.Result invalid = image.run(entrypointAnd(List.of("validate", "/tmp/bad-pool.yaml")));
        assertThat(invalid.exitCode()).isEqualTo(1);
        assertThat(invalid.out() + invalid.err()).contains("1 problem in /tmp/bad-pool.yaml")
                .contains("IPAddressPool \"default\": spec.addresses[0] \"192.168.92.300-192.168.92.210\"")
                .contains("write the entry in one of them")
                .doesNotContain("Exception").doesNotContain("\tat ");
    }

    @Test
    void theBuiltInPluginsLoadAndLayer2FindsLibpcap() throws Exception {
        requireChroot();
        ImageRun.Result plugins = image.run(entrypointAnd(List.of("plugins")));
        assertThat(plugins.exitCode()).as(plugins.err()).isZero();
        assertThat(plugins.out()).containsPattern("(?m)^bgp\\s+announcer").containsPattern("(?m)^layer2\\s+announcer")
                .containsPattern("(?m)^range\\s+ipam").containsPattern("(?m)^cidr\\s+ipam");

        Path probe = root.resolve("tmp/probe/io/barelb/image/PcapVersion.class");
        Files.createDirectories(probe.getParent());
        Files.copy(Path.of("target/test-classes/io/barelb/image/PcapVersion.class"), probe);
        ImageRun.Result pcap = image.run(List.of("java", "-cp", "/tmp/probe:/opt/barelb/plugins/layer2/*:/opt/barelb/lib/*",
                PcapVersion.class.getName()));
        assertThat(pcap.exitCode()).as(pcap.err()).isZero();
        assertThat(pcap.out()).startsWith("libpcap version ");
    }

    @Test
    void theSpeakersJvmMapsTheImagesClassArchiveAndNoCdsNoteIsPrinted() throws Exception {
        requireChroot();
        Path inImage = root.resolve("opt/barelb/lib/barelb.jsa");
        assertThat(inImage).as("the archive made for the image's runtime at /opt/barelb").isRegularFile();
        ImageRun.Result loaded = image.run(entrypointAnd(List.of("speaker", "--help")),
                Map.of("BARELB_JAVA_OPTS", "-Xlog:class+load=info"));
        assertThat(loaded.exitCode()).as(loaded.err()).isZero();
        assertThat(loaded.out()).as("classes of lb-runtime come from the archive")
                .containsPattern("io\\.barelb\\.runtime\\.cli\\.SpeakerCommand source: shared objects file \\(top\\)");
        ImageRun.Result plain = image.run(entrypointAnd(List.of("--version")));
        assertThat(plain.out() + plain.err()).as("no note from the JVM about the archive").doesNotContain("cds")
                .doesNotContain("shared archive");
    }

    private static void requireChroot() {
        Requirements.requireRoot();
        Requirements.requireCommands("unshare", "chroot");
    }

    private static List<String> entrypointAnd(List<String> args) {
        List<String> command = new ArrayList<>(strings(config.get("Entrypoint")));
        command.addAll(args);
        return command;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(value -> values.add(value.asString()));
        return values;
    }

    private static List<String> matches(String text, String regex) {
        List<String> found = new ArrayList<>();
        Matcher matcher = Pattern.compile(regex).matcher(text);
        while (matcher.find()) {
            found.add(matcher.group(1));
        }
        return found;
    }
}
