package io.barelb.api.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigView;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelSelectorTest {

    @Test
    void readsMatchLabelsAndEveryOperatorFromConfiguration() {
        LabelSelector selector = LabelSelector.fromConfig(ConfigView.of("L2Advertisement", "ad", "spec.nodeSelectors[0]",
                Map.of("matchLabels", Map.of("zone", "a"), "matchExpressions", List.of(
                        Map.of("key", "disk", "operator", "In", "values", List.of("ssd", "nvme")),
                        Map.of("key", "tier", "operator", "NotIn", "values", List.of("edge")),
                        Map.of("key", "rack", "operator", "Exists"),
                        Map.of("key", "maintenance", "operator", "DoesNotExist")))));

        assertTrue(selector.matches(Map.of("zone", "a", "disk", "ssd", "rack", "r1")));
        assertFalse(selector.matches(Map.of("zone", "b", "disk", "ssd", "rack", "r1")), "matchLabels");
        assertFalse(selector.matches(Map.of("zone", "a", "disk", "hdd", "rack", "r1")), "In");
        assertFalse(selector.matches(Map.of("zone", "a", "disk", "ssd", "rack", "r1", "tier", "edge")), "NotIn");
        assertFalse(selector.matches(Map.of("zone", "a", "disk", "ssd")), "Exists");
        assertFalse(selector.matches(Map.of("zone", "a", "disk", "ssd", "rack", "r1", "maintenance", "")), "DoesNotExist");
        assertEquals("zone=a,disk in (ssd,nvme),tier notin (edge),rack,!maintenance", selector.toString());
    }

    @Test
    void anEmptySelectorMatchesEverything() {
        assertTrue(LabelSelector.EVERYTHING.isEmpty());
        assertTrue(LabelSelector.EVERYTHING.matches(Map.of("any", "thing")));
    }

    @Test
    void anUnknownOperatorNamesTheFieldAndTheValidOnes() {
        ConfigException e = assertThrows(ConfigException.class, () -> LabelSelector.fromConfig(ConfigView.of(
                "L2Advertisement", "ad", "spec.nodeSelectors[0]",
                Map.of("matchExpressions", List.of(Map.of("key", "disk", "operator", "Like"))))));

        assertTrue(e.getMessage().contains("operator"), e.getMessage());
        assertTrue(e.getMessage().contains("use In, NotIn, Exists or DoesNotExist"), e.getMessage());
    }
}
