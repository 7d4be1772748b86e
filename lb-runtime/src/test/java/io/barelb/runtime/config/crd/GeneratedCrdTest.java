package io.barelb.runtime.config.crd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRDs under {@code META-INF/barelb/crds} (on this test class path: the runtime's own, generated from the model at
 * build time, and those the built-in plugins ship in their jars): one per kind, each from the jar of its owner,
 * namespaced, with the fields its validator knows (field for field MetalLB's), and a status subresource. The runtime
 * generates only {@code IPAddressPool}'s and {@code ConfigurationState}'s; the BGP kinds' and {@code ServiceBGPStatus}
 * ship in the bgp plugin, {@code L2Advertisement}'s and {@code ServiceL2Status} in the layer2 plugin.
 */
class GeneratedCrdTest {

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ipaddresspools|IPAddressPool|lb-runtime|addresses,autoAssign,avoidBuggyIPs,serviceAllocation",
        "bgpadvertisements|BGPAdvertisement|announcer-bgp|aggregationLength,aggregationLengthV6,communities,ipAddressPoolSelectors,ipAddressPools,localPref,nodeSelectors,peers,serviceSelectors",
        "bgppeers|BGPPeer|announcer-bgp|bfdProfile,connectTime,disableMP,dualStackAddressFamily,dynamicASN,ebgpMultiHop,enableGracefulRestart,holdTime,interface,keepaliveTime,localASN,myASN,nodeSelectors,password,passwordSecret,peerASN,peerAddress,peerPort,routerID,sourceAddress,vrf",
        "bfdprofiles|BFDProfile|announcer-bgp|detectMultiplier,echoInterval,echoMode,minimumTtl,passiveMode,receiveInterval,transmitInterval",
        "communities|Community|announcer-bgp|communities"})
    @SuppressWarnings("unchecked")
    void eachKindHasItsCrdWithExactlyItsFieldsAndAStatusSubresource(String plural, String kind, String owner,
                                                                     String fields) throws IOException {
        Map<String, Object> crd;
        String path = "/META-INF/barelb/crds/" + plural + ".barelb.io-v1.yml";
        assertThat(getClass().getResource(path)).as("CRD of " + kind).isNotNull();
        assertThat(getClass().getResource(path).toString()).as("jar of " + kind + "'s CRD").contains("/" + owner + "/");
        try (InputStream in = getClass().getResourceAsStream(path)) {
            assertThat(in).as("generated CRD for " + kind).isNotNull();
            crd = YAMLMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
        assertThat(spec.get("group")).isEqualTo("barelb.io");
        assertThat(spec.get("scope")).isEqualTo("Namespaced");
        assertThat(((Map<String, Object>) spec.get("names")).get("kind")).isEqualTo(kind);
        Map<String, Object> version = ((java.util.List<Map<String, Object>>) spec.get("versions")).get(0);
        assertThat(version.get("name")).isEqualTo("v1beta1");
        assertThat((Map<String, Object>) version.get("subresources")).containsKey("status");
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
        Map<String, Object> specSchema = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("spec");
        Set<String> properties = ((Map<String, Object>) specSchema.get("properties")).keySet();
        assertThat(properties).containsExactlyInAnyOrder(fields.split(","));
        if (kind.equals("IPAddressPool")) {
            Map<String, Object> status = (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("status");
            assertThat(((Map<String, Object>) status.get("properties")).keySet())
                    .containsExactlyInAnyOrder("assignedIPv4", "assignedIPv6", "availableIPv4", "availableIPv6");
        }
    }

    @org.junit.jupiter.api.Test
    @SuppressWarnings("unchecked")
    void configurationStateHasItsStatusFields() throws IOException {
        Map<String, Object> crd;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/barelb/crds/configurationstates.barelb.io-v1.yml")) {
            assertThat(in).isNotNull();
            crd = YAMLMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Object> version = ((java.util.List<Map<String, Object>>) ((Map<String, Object>) crd.get("spec"))
                .get("versions")).get(0);
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                version.get("schema")).get("openAPIV3Schema")).get("properties");
        assertThat(((Map<String, Object>) ((Map<String, Object>) properties.get("status")).get("properties")).keySet())
                .containsExactlyInAnyOrder("result", "errorSummary", "lastValidInForce", "warnings");
        assertThat((Map<String, Object>) version.get("subresources")).containsKey("status");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "servicel2statuses|ServiceL2Status|announcer-layer2|interfaces,node,serviceName,serviceNamespace",
        "servicebgpstatuses|ServiceBGPStatus|announcer-bgp|node,peers,serviceName,serviceNamespace"})
    @SuppressWarnings("unchecked")
    void metallbsStatusKindsShipWithThePluginsThatDeclareThem(String plural, String kind, String owner, String fields)
            throws IOException {
        String path = "/META-INF/barelb/crds/" + plural + ".metallb.io-v1.yml";
        assertThat(getClass().getResource(path)).as("CRD of " + kind).isNotNull();
        assertThat(getClass().getResource(path).toString()).contains("/" + owner + "/");
        Map<String, Object> crd;
        try (InputStream in = getClass().getResourceAsStream(path)) {
            crd = YAMLMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
        assertThat(spec.get("group")).isEqualTo("metallb.io");
        assertThat(((Map<String, Object>) spec.get("names")).get("kind")).isEqualTo(kind);
        Map<String, Object> version = ((java.util.List<Map<String, Object>>) spec.get("versions")).get(0);
        assertThat(version.get("name")).isEqualTo("v1beta1");
        assertThat((Map<String, Object>) version.get("subresources")).containsKey("status");
        Map<String, Object> properties = (Map<String, Object>) ((Map<String, Object>) ((Map<String, Object>)
                version.get("schema")).get("openAPIV3Schema")).get("properties");
        assertThat(((Map<String, Object>) ((Map<String, Object>) properties.get("status")).get("properties")).keySet())
                .containsExactlyInAnyOrder(fields.split(","));
    }
}
