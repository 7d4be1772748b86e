package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.PluginSettings;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MembershipSettingsTest {

    private static Node node(String name, String internalIp) {
        return new NodeBuilder().withNewMetadata().withName(name).endMetadata().withNewStatus()
                .addNewAddress().withType("Hostname").withAddress(name).endAddress()
                .addNewAddress().withType("InternalIP").withAddress(internalIp).endAddress()
                .endStatus().build();
    }

    @Test
    void bindIsThisNodesInternalIpAndSeedsAreEveryNodes() {
        Map<String, String> settings = MembershipSettings.fromNodes("b",
                List.of(node("a", "198.51.100.11"), node("b", "198.51.100.12"), node("c", "198.51.100.13")));

        assertThat(settings).containsEntry("BARELB_MEMBERLIST_BIND", "198.51.100.12")
                .containsEntry("BARELB_MEMBERLIST_SEEDS", "198.51.100.11,198.51.100.12,198.51.100.13");
    }

    @Test
    void nothingIsDerivedWhenThisNodeIsUnknown() {
        assertThat(MembershipSettings.fromNodes("z", List.of(node("a", "198.51.100.11")))).isEmpty();
    }

    @Test
    void theOperatorsValueWinsOverTheDerivedOne() {
        PluginSettings settings = new PluginSettings(Map.of("BARELB_MEMBERLIST_SEEDS", "198.51.100.11", "X", "derived"),
                name -> name.equals("BARELB_MEMBERLIST_SEEDS") ? "192.0.2.1:7000" : null);

        assertThat(settings.get("BARELB_MEMBERLIST_SEEDS")).contains("192.0.2.1:7000");
        assertThat(settings.get("X")).contains("derived");
        assertThat(settings.get("Y")).isEmpty();
    }
}
