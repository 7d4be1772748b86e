package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CI-sized {@link FootprintBenchmark} (no time asserted) and the launcher's JVM options: which defaults each
 * command gets, inside and outside a memory limit, and that BARELB_JAVA_OPTS still overrides them. The speaker part
 * needs root and bird2 ({@link BirdLab#build} skips with the reason otherwise, fails under CI=true).
 */
@Timeout(600)
class FootprintLabIT {

    private static final int SERVICES = 200;
    private Path distribution;

    @TempDir
    Path work;

    @BeforeEach
    void locate() {
        distribution = AssembledDistribution.checkedHome();
    }

    @Test
    void theSpeakerAnnouncesEveryServiceWithTheShippedAndTheJvmDefaults() throws Exception {
        try (SpeakerFootprint speaker = SpeakerFootprint.start(Duration.ofSeconds(1))) {
            speaker.services(SERVICES);
            SpeakerFootprint.Run shipped = speaker.run(JvmVariant.SHIPPED, SERVICES);
            SpeakerFootprint.Run jvm = speaker.run(JvmVariant.JVM_DEFAULT, SERVICES);
            System.out.println(shipped + "\n" + jvm);
            assertThat(shipped.commandLine()).contains("-XX:+UseShenandoahGC");
            assertThat(jvm.commandLine()).doesNotContain("-XX:+Use").doesNotContain("-Xmx");
            for (SpeakerFootprint.Run run : List.of(shipped, jvm)) {
                assertThat(run.memory().rssKb()).as("RSS of %s", run).isPositive();
                assertThat(run.firstRouteSeconds()).isLessThanOrEqualTo(run.allRoutesSeconds());
            }
        }
    }

    @Test
    void theControllerAssignsEveryServiceWithTheShippedAndTheJvmDefaults() throws Exception {
        ControllerFootprint footprint = new ControllerFootprint(distribution, work, Duration.ofSeconds(1));
        ControllerFootprint.Run shipped = footprint.run(JvmVariant.SHIPPED, SERVICES);
        ControllerFootprint.Run jvm = footprint.run(JvmVariant.JVM_DEFAULT, SERVICES);
        System.out.println(shipped + "\n" + jvm);
        assertThat(shipped.commandLine()).contains("-XX:+UseSerialGC");
        assertThat(jvm.commandLine()).doesNotContain("-XX:+Use");
        assertThat(shipped.memory().rssKb()).isPositive();
        assertThat(jvm.memory().rssKb()).isPositive();
    }

    @Test
    void eachCommandGetsItsDefaultsAndBareLbJavaOptsOverridesThem() throws Exception {
        Map<String, String> none = Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        assertThat(flags("speaker", none)).contains("-XX:+UseShenandoahGC", "-XX:MaxHeapSize=268435456",
                "-XX:TieredStopAtLevel=1", "-XX:ShenandoahGuaranteedGCInterval=5000");
        assertThat(flags("controller", none)).contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=268435456");
        assertThat(flags("validate", none)).contains("-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");
        String serial = flags("speaker", Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags -XX:+UseSerialGC -Xmx64m"));
        assertThat(serial).as("a collector in BARELB_JAVA_OPTS replaces the default one; its -Xmx wins")
                .contains("-XX:+UseSerialGC", "-XX:MaxHeapSize=67108864").doesNotContain("Shenandoah")
                .contains("-XX:TieredStopAtLevel=1");
        assertThat(flags("speaker", Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags",
                "BARELB_SPEAKER_JAVA_OPTS", ""))).as("the command's variable set to nothing: the JVM's defaults")
                .doesNotContain("Shenandoah", "TieredStopAtLevel");
    }

    @Test
    void insideAMemoryLimitTheHeapIsAShareOfIt() throws Exception {
        Path v2 = Files.createDirectories(work.resolve("v2"));
        Files.writeString(v2.resolve("memory.max"), "536870912\n");
        Path v1 = Files.createDirectories(work.resolve("v1/memory"));
        Files.writeString(v1.resolve("memory.limit_in_bytes"), "9223372036854771712\n");
        Map<String, String> limited = Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags",
                "BARELB_CGROUP_FS", v2.toString());
        assertThat(flags("speaker", limited)).contains("-XX:MaxRAMPercentage=50").doesNotContain("-XX:MaxHeapSize=268435456");
        assertThat(flags("controller", limited)).contains("-XX:+UseSerialGC", "-XX:MaxRAMPercentage=50");
        assertThat(flags("speaker", Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags",
                "BARELB_CGROUP_FS", work.resolve("v1").toString())))
                .as("cgroup v1 without a limit: the fixed heap").contains("-XX:MaxHeapSize=268435456");
    }

    @Test
    void theDistributionShipsAClassArchiveThatEveryCommandsJvmIsHandedAndMaps() throws Exception {
        Path archive = distribution.resolve("lib/barelb.jsa");
        assertThat(archive).as("made at package by bin/barelb-cds").isRegularFile();
        assertThat(Files.size(archive)).isPositive();
        Map<String, String> printed = Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags");
        for (String command : List.of("speaker", "controller", "validate")) {
            assertThat(flags(command, printed)).as(command).contains("-XX:SharedArchiveFile=" + archive.toRealPath());
        }
        assertThat(flags("speaker", Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags", "BARELB_CDS", "off")))
                .as("BARELB_CDS=off").doesNotContain("SharedArchiveFile");
        String loaded = run(distribution, "classes", Map.of("BARELB_JAVA_OPTS", "-Xlog:class+load=info"),
                List.of("speaker", "--help"));
        assertThat(loaded).as("the speaker's command class is mapped from the archive, not read from its jar")
                .contains("io.barelb.runtime.cli.SpeakerCommand source: shared objects file (top)");
    }

    @Test
    void aStaleOrMissingArchiveNeitherStopsAStartNorPrintsANote() throws Exception {
        // the same distribution elsewhere: every jar's path differs from the one the archive was made for
        Path moved = work.resolve("moved");
        try (java.util.stream.Stream<Path> walk = Files.walk(distribution)) {
            for (Path source : walk.filter(p -> !p.startsWith(distribution.resolve("demo"))).toList()) {
                Path target = moved.resolve(distribution.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
        String version = run(moved, "stale", Map.of(), List.of("--version"));
        assertThat(version).as("a stale archive: the JVM goes without it and says nothing").startsWith("barelb ")
                .doesNotContain("cds").doesNotContain("shared archive").doesNotContain("warning");
        String stale = run(moved, "stale-classes", Map.of("BARELB_JAVA_OPTS", "-Xlog:class+load=info"),
                List.of("speaker", "--help"));
        assertThat(stale).contains("io.barelb.runtime.cli.SpeakerCommand source: ").doesNotContain("(top)");
        Files.delete(moved.resolve("lib/barelb.jsa"));
        assertThat(run(moved, "missing", Map.of("BARELB_JAVA_OPTS", "-XX:+PrintCommandLineFlags"), List.of("--version")))
                .as("no archive: none is passed").startsWith("-XX:").doesNotContain("SharedArchiveFile")
                .contains("barelb ");
    }

    /** Standard output and error of {@code barelb ARGS} in {@code home}, which must exit 0. */
    private String run(Path home, String name, Map<String, String> environment, List<String> args) throws Exception {
        try (LaunchedProcess process = LaunchedProcess.start(home, work, name, environment, args)) {
            assertThat(process.exitCode(Duration.ofSeconds(60))).as(process.err()).isZero();
            return process.out() + process.err();
        }
    }

    /** The JVM's flags as {@code -XX:+PrintCommandLineFlags} prints them for {@code barelb COMMAND --help}. */
    private String flags(String command, Map<String, String> environment) throws Exception {
        try (LaunchedProcess process = LaunchedProcess.start(distribution, work, "flags-" + command, environment,
                List.of(command, "--help"))) {
            assertThat(process.exitCode(Duration.ofSeconds(60))).as(process.err()).isZero();
            return process.out().lines().filter(l -> l.startsWith("-XX:")).findFirst().orElse("");
        }
    }
}
