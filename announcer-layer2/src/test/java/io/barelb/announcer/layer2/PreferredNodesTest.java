package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PreferredNodesTest {

    private static final Map<String, NodeFacts> NODES = Map.of(
            "node-1", node("node-1", Map.of("zone", "a", "disk", "ssd")),
            "node-2", node("node-2", Map.of("zone", "b", "disk", "ssd")),
            "node-3", node("node-3", Map.of("zone", "b")));
    private static final Set<String> ALL = Set.of("node-1", "node-2", "node-3");

    @Test
    void withoutPreferencesEveryEligibleNodeCompetes() {
        assertThat(PreferredNodes.restrict(ALL, List.of(L2AdvertisementConfigTest.ad("plain", Map.of())), NODES))
                .isEqualTo(ALL);
    }

    @Test
    void onlyTheNodesWithTheHighestSummedWeightRemain() {
        ConfigResource ad = preferring("prefs", prefer(10, "disk", "ssd"), prefer(5, "zone", "a"));

        assertThat(PreferredNodes.restrict(ALL, List.of(ad), NODES)).containsExactly("node-1");
        assertThat(PreferredNodes.restrict(Set.of("node-2", "node-3"), List.of(ad), NODES)).containsExactly("node-2");
    }

    @Test
    void weightsAddUpOverEveryAdvertisementOfTheAddress() {
        ConfigResource zoneB = preferring("b", prefer(20, "zone", "b"));
        ConfigResource ssd = preferring("ssd", prefer(15, "disk", "ssd"));

        // node-2: 20 + 15, node-3: 20, node-1: 15
        assertThat(PreferredNodes.restrict(ALL, List.of(zoneB, ssd), NODES)).containsExactly("node-2");
    }

    @Test
    void whenNoPreferredNodeIsEligibleTheOthersStillCompete() {
        ConfigResource ad = preferring("prefs", prefer(50, "zone", "c"));

        assertThat(PreferredNodes.restrict(Set.of("node-2", "node-3"), List.of(ad), NODES))
                .containsExactlyInAnyOrder("node-2", "node-3");
    }

    @Test
    void matchExpressionsAreEvaluatedToo() {
        ConfigResource ad = L2AdvertisementConfigTest.ad("expr", Map.of("preferredNodeSelectors", List.of(Map.of(
                "weight", 1, "preference", Map.of("matchExpressions",
                        List.of(Map.of("key", "disk", "operator", "DoesNotExist")))))));

        assertThat(PreferredNodes.restrict(ALL, List.of(ad), NODES)).containsExactly("node-3");
    }

    static ConfigResource preferring(String name, Map<?, ?>... preferences) {
        return L2AdvertisementConfigTest.ad(name, Map.of("preferredNodeSelectors", List.of(preferences)));
    }

    static Map<String, Object> prefer(int weight, String key, String value) {
        return Map.of("weight", weight, "preference", Map.of("matchLabels", Map.of(key, value)));
    }

    static NodeFacts node(String name, Map<String, String> labels) {
        return new NodeFacts(name, labels, List.of(new NodeFacts.Address("InternalIP", "192.0.2.1")));
    }
}
