package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.PluginSettings;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Static mode forms the membership group from the Nodes in its files, as Kubernetes mode does from the API. */
class StaticMembershipTest {

    private static final String NODES = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-a}
            status: {addresses: [{type: Hostname, address: node-a}, {type: InternalIP, address: 203.0.113.11}]}
            ---
            apiVersion: v1
            kind: List
            items:
            - apiVersion: v1
              kind: Node
              metadata: {name: node-b}
              status: {addresses: [{type: InternalIP, address: 203.0.113.12}]}
            """;

    @TempDir
    Path dir;

    private PluginSettings settingsFor(String node) {
        SpeakerSettings settings = new SpeakerSettings(node, Optional.empty(), 0, Optional.of(dir), Duration.ofMillis(100));
        return Injectors.create(PluginRegistry.of(Fixtures.ipamFactories(), List.of()), new SpeakerModule(settings),
                new StaticSourceModule(dir)).getInstance(PluginSettings.class);
    }

    @Test
    void theNodesInTheFilesGiveThisNodesBindAddressAndEveryNodeAsASeed() throws Exception {
        Files.writeString(dir.resolve("nodes.yaml"), NODES);
        PluginSettings settings = settingsFor("node-b");
        assertThat(settings.get(MembershipSettings.BIND)).contains("203.0.113.12");
        assertThat(settings.get(MembershipSettings.SEEDS)).contains("203.0.113.11,203.0.113.12");
    }

    @Test
    void aNodeMissingFromTheFilesGetsNoGroup() throws Exception {
        Files.writeString(dir.resolve("nodes.yaml"), NODES);
        assertThat(settingsFor("node-z").get(MembershipSettings.BIND)).isEmpty();
    }
}
