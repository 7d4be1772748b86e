package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class L2AdvertisementConfigTest {

    @Test
    void aFullMetalLbExampleIsValid() {
        ConfigResource ad = ad("example", Map.of(
                "ipAddressPools", List.of("first-pool"),
                "ipAddressPoolSelectors", List.of(Map.of("matchLabels", Map.of("tier", "web"))),
                "nodeSelectors", List.of(Map.of("matchExpressions", List.of(
                        Map.of("key", "kubernetes.io/hostname", "operator", "In", "values", List.of("node-1", "node-2"))))),
                "serviceSelectors", List.of(Map.of("matchExpressions", List.of(Map.of("key", "team", "operator", "Exists")))),
                "interfaces", List.of("eth0", "bond0.100"),
                "preferredNodeSelectors", List.of(Map.of("weight", 50, "preference",
                        Map.of("matchLabels", Map.of("zone", "a"))))));

        assertThat(L2AdvertisementConfig.validate(List.of(ad))).isEmpty();
    }

    @Test
    void everyProblemIsReportedWithResourceFieldAndValue() {
        ConfigResource ad = ad("broken", Map.of(
                "interface", List.of("eth0"),
                "interfaces", List.of("eth0", "this-name-is-far-too-long", "a/b"),
                "nodeSelectors", List.of(Map.of("matchExpressions", List.of(
                        Map.of("key", "zone", "operator", "Within", "values", List.of("a")),
                        Map.of("key", "zone", "operator", "In"),
                        Map.of("key", "zone", "operator", "Exists", "values", List.of("a"))))),
                "preferredNodeSelectors", List.of(Map.of("weight", 101))));

        List<String> messages = L2AdvertisementConfig.validate(List.of(ad)).stream().map(ConfigProblem::message).toList();

        assertThat(messages).contains(
                "L2Advertisement \"broken\": spec.interface: unknown field; an L2Advertisement has [interfaces, "
                        + "ipAddressPoolSelectors, ipAddressPools, nodeSelectors, preferredNodeSelectors, serviceSelectors]",
                "L2Advertisement \"broken\": spec.interfaces[1] \"this-name-is-far-too-long\": is not a Linux interface "
                        + "name: 1-15 characters, no '/', ':' or whitespace, not '.' or '..'",
                "L2Advertisement \"broken\": spec.nodeSelectors[0].matchExpressions[0].operator \"Within\": must be one "
                        + "of In, NotIn, Exists, DoesNotExist",
                "L2Advertisement \"broken\": spec.nodeSelectors[0].matchExpressions[1].values: must not be empty with "
                        + "operator In",
                "L2Advertisement \"broken\": spec.nodeSelectors[0].matchExpressions[2].values \"a\": must be empty with "
                        + "operator Exists",
                "L2Advertisement \"broken\": spec.preferredNodeSelectors[0].weight \"101\": must be a whole number from "
                        + "1 to 100",
                "L2Advertisement \"broken\": spec.preferredNodeSelectors[0].preference: is required: a node selector");
        assertThat(messages).anyMatch(m -> m.contains("spec.interfaces[2] \"a/b\""));
    }

    @Test
    void aWrongTypeIsAProblemNotAnException() {
        ConfigResource ad = ad("typed", Map.of("interfaces", "eth0"));

        assertThat(L2AdvertisementConfig.validate(List.of(ad))).extracting(ConfigProblem::field)
                .containsExactly("spec.interfaces");
    }

    @Test
    void otherKindsAreNotOurs() {
        ConfigResource pool = new ConfigResource("IPAddressPool", "p", Map.of(),
                ConfigView.of("IPAddressPool", "p", "spec", Map.of("addresses", List.of("192.0.2.0/24"))));

        assertThat(L2AdvertisementConfig.validate(List.of(pool))).isEmpty();
    }

    @Test
    void allowedInterfacesIsTheUnionUnlessOneAdvertisementAllowsAll() {
        ConfigResource eth0 = ad("a", Map.of("interfaces", List.of("eth0")));
        ConfigResource eth1 = ad("b", Map.of("interfaces", List.of("eth1")));
        ConfigResource all = ad("c", Map.of());

        assertThat(L2AdvertisementConfig.allowedInterfaces(List.of(eth0, eth1))).contains(Set.of("eth0", "eth1"));
        assertThat(L2AdvertisementConfig.allowedInterfaces(List.of(eth0, all))).isEqualTo(Optional.empty());
        assertThat(L2AdvertisementConfig.allowedInterfaces(List.of())).isEqualTo(Optional.empty());
    }

    static ConfigResource ad(String name, Map<String, ?> spec) {
        return new ConfigResource("L2Advertisement", name, Map.of(), ConfigView.of("L2Advertisement", name, "spec", spec));
    }
}
