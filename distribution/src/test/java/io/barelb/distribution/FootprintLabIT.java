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
        distribution = AssembledDistribution.home();
        assertThat(distribution.resolve("bin/barelb")).as("assembled launcher").isExecutable();
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
                "-XX:TieredStopAtLevel=1");
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

    /** The JVM's flags as {@code -XX:+PrintCommandLineFlags} prints them for {@code barelb COMMAND --help}. */
    private String flags(String command, Map<String, String> environment) throws Exception {
        try (LaunchedProcess process = LaunchedProcess.start(distribution, work, "flags-" + command, environment,
                List.of(command, "--help"))) {
            assertThat(process.exitCode(Duration.ofSeconds(60))).as(process.err()).isZero();
            return process.out().lines().filter(l -> l.startsWith("-XX:")).findFirst().orElse("");
        }
    }
}
