package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The CRDs generated for the runtime's standalone kinds ship in its jar beside the others and declare exactly the
 * fields the validator knows, so a field added to one and not the other fails here.
 */
class StandaloneCrdTest {

    @SuppressWarnings("unchecked")
    private static Map<String, Object> specSchema(String plural, String kind) throws IOException {
        Map<String, Object> crd;
        try (InputStream in = StandaloneCrdTest.class.getResourceAsStream("/META-INF/barelb/crds/" + plural
                + ".barelb.io-v1.yml")) {
            assertThat(in).as("generated CRD for " + kind).isNotNull();
            crd = YAMLMapper.builder().build().readValue(in, Map.class);
        }
        Map<String, Object> spec = (Map<String, Object>) crd.get("spec");
        assertThat(spec.get("scope")).isEqualTo("Namespaced");
        assertThat(((Map<String, Object>) spec.get("names")).get("kind")).isEqualTo(kind);
        Map<String, Object> version = ((List<Map<String, Object>>) spec.get("versions")).get(0);
        assertThat(version.get("name")).isEqualTo("v1beta1");
        Map<String, Object> schema = (Map<String, Object>) ((Map<String, Object>) version.get("schema")).get("openAPIV3Schema");
        return (Map<String, Object>) ((Map<String, Object>) schema.get("properties")).get("spec");
    }

    @Test
    @SuppressWarnings("unchecked")
    void virtualIpsCrdHasExactlyTheValidatorsFields() throws IOException {
        Map<String, Object> spec = specSchema("virtualips", "VirtualIP");

        assertThat(((Map<String, Object>) spec.get("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(VirtualIpSpec.FIELDS);
        assertThat((List<String>) spec.get("required")).containsExactly("addresses");
    }

    @Test
    @SuppressWarnings("unchecked")
    void healthChecksCrdHasExactlyTheValidatorsFieldsAndItsDefaults() throws IOException {
        Map<String, Object> spec = specSchema("healthchecks", "HealthCheck");
        Map<String, Object> properties = (Map<String, Object>) spec.get("properties");

        assertThat(properties.keySet()).containsExactlyInAnyOrderElementsOf(HealthCheckSpec.FIELDS);
        assertThat(((Map<String, Object>) ((Map<String, Object>) properties.get("http")).get("properties")).keySet())
                .containsExactlyInAnyOrderElementsOf(HealthCheckSpec.HTTP_FIELDS);
        assertThat(((Map<String, Object>) properties.get("host")).get("default")).isEqualTo(HealthCheckSpec.DEFAULT_HOST);
        assertThat(((Map<String, Object>) properties.get("rise")).get("default")).isEqualTo(HealthCheckSpec.DEFAULT_RISE);
        assertThat(((Map<String, Object>) properties.get("fall")).get("default")).isEqualTo(HealthCheckSpec.DEFAULT_FALL);
        assertThat(((Map<String, Object>) properties.get("interval")).get("default")).isEqualTo("1s");
        assertThat(((Map<String, Object>) properties.get("timeout")).get("default")).isEqualTo("500ms");
    }
}
