package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The speaker process as the command builds it: one injector, the static source, a real IPAM plugin. */
@Timeout(30)
class SpeakerWiringTest {

    @TempDir
    Path dir;

    @Test
    void theStaticSpeakerAnnouncesWhatTheFilesSayAndWithdrawsOnStop() throws Exception {
        Files.writeString(dir.resolve("lab.yaml"), Fixtures.STATIC_CLUSTER);
        RecordingAnnouncerFactory layer2 = new RecordingAnnouncerFactory("layer2", false);
        PluginRegistry registry = PluginRegistry.of(Fixtures.ipamFactories(), List.of(layer2));
        SpeakerSettings settings = new SpeakerSettings("node-a", Optional.empty(), 0, Optional.of(dir), Duration.ofMillis(100));

        SpeakerProcess process = Injectors.create(registry, new SpeakerModule(settings), new StaticSourceModule(dir))
                .getInstance(SpeakerProcess.class);
        process.start();
        try {
            Awaitility.await("the layer2 announcer's first state").atMost(Duration.ofSeconds(20))
                    .until(() -> !layer2.applied.isEmpty());
            assertThat(layer2.applied.get(0).advertisements()).extracting(Advertisement::address)
                    .extracting(Object::toString).containsExactly("192.0.2.10");
        } finally {
            process.stop();
        }
        assertThat(layer2.applied.get(layer2.applied.size() - 1)).isEqualTo(AnnouncerState.empty());
    }
}
