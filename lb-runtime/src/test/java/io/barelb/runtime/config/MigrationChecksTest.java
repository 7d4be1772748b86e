package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ResourceKind;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The warnings of a valid configuration about pools nobody announces, with a claimed advertisement kind. */
class MigrationChecksTest {

    /** Claims one advertisement kind and judges nothing. */
    private static final class AcmeFactory implements AnnouncerFactory {
        @Override
        public String name() {
            return "acme";
        }

        @Override
        public List<ResourceKind> kinds() {
            return List.of(ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement());
        }

        @Override
        public Announcer create(PluginContext context) {
            throw new IllegalStateException("validation only");
        }
    }

    private static final String POOLS = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: announced, labels: {zone: a}}
            spec: {addresses: [192.0.2.0/28]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: forgotten}
            spec: {addresses: [198.51.100.0/28]}
            ---
            """;

    private static List<String> warnings(String advertisementSpec) {
        ConfigValidator validator = new ConfigValidator(List.of(), List.of(new AcmeFactory()));
        String yaml = POOLS + "apiVersion: barelb.io/v1beta1\nkind: AcmeAdvertisement\nmetadata: {name: ad}\nspec: "
                + advertisementSpec + "\n";
        ClusterConfig config = validator.validate(validator.reader().readYaml("c.yaml", yaml)).orThrow();
        return MigrationChecks.warnings(config, validator.kinds());
    }

    @Test
    void aPoolTheAdvertisementSelectsIsNotWarnedAbout() {
        assertThat(warnings("{ipAddressPoolSelectors: [{matchLabels: {zone: a}}]}")).containsExactly(
                "IPAddressPool \"forgotten\": no advertisement selects it, so its addresses are assigned but never"
                        + " announced; add one that selects it (AcmeAdvertisement)");
    }

    @Test
    void emptyPoolListsSelectEveryPoolAsInMetalLb() {
        // MetalLB's setL2AdvertisementsToPools/setBGPAdvertisementsToPools: both lists empty selects every pool,
        // however they are written (absent or [])
        assertThat(warnings("{}")).isEmpty();
        assertThat(warnings("{ipAddressPoolSelectors: []}")).isEmpty();
        assertThat(warnings("{ipAddressPools: [], ipAddressPoolSelectors: []}")).isEmpty();
    }
}
