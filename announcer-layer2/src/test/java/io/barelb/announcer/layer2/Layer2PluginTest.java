package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.tck.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The plugin through its entry point, as the runtime finds it. */
class Layer2PluginTest {

    private static AnnouncerFactory factory() {
        List<AnnouncerFactory> factories = ServiceLoader.load(LbPlugin.class).stream()
                .flatMap(provider -> provider.get().announcerFactories().stream())
                .filter(factory -> factory.name().equals("layer2"))
                .toList();
        assertThat(factories).hasSize(1);
        return factories.get(0);
    }

    @Test
    void serviceLoaderFindsTheLayer2FactoryOwningL2Advertisement() {
        AnnouncerFactory factory = factory();

        assertThat(factory.kinds()).singleElement().satisfies(kind -> {
            assertThat(kind.kind()).isEqualTo("L2Advertisement");
            assertThat(kind.plural()).isEqualTo("l2advertisements");
            assertThat(kind.apiVersions()).containsExactly("metallb.io/v1beta1", "barelb.io/v1beta1");
            assertThat(kind.advertisement()).isTrue();
        });
        assertThat(factory.advertisementKind()).contains("L2Advertisement");
        assertThat(new Layer2Plugin().ipamFactories()).isEmpty();
    }

    @Test
    void theJarShipsTheCrdOfItsKind() throws java.io.IOException {
        try (java.io.InputStream in = Layer2Plugin.class.getResourceAsStream(
                "/META-INF/barelb/crds/l2advertisements.barelb.io-v1.yml")) {
            assertThat(in).as("the L2Advertisement CRD inside the plugin's jar").isNotNull();
            String crd = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(crd).contains("kind: \"L2Advertisement\"", "group: \"barelb.io\"", "plural: \"l2advertisements\"",
                    "preferredNodeSelectors", "interfaces");
        }
    }

    @Test
    void validateReportsProblemsThroughTheSpi() {
        assertThat(factory().validate(List.of(L2AdvertisementConfigTest.ad("x", Map.of("interfaces", List.of("a b")))),
                io.barelb.api.config.ValidationContext.empty("layer2")))
                .singleElement().satisfies(problem -> assertThat(problem.field()).isEqualTo("spec.interfaces[0]"));
    }

    @Test
    void anAnnouncerNeedsANodeName() {
        try (TestPluginContext context = TestPluginContext.builder("layer2").build()) {
            assertThatThrownBy(() -> factory().create(context)).isInstanceOf(LbException.class)
                    .hasMessageContaining("--node or NODE_NAME")
                    .satisfies(e -> assertThat(((LbException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
        }
    }

    @Test
    void anAnnouncerWithoutMembershipStartsAndClosesCleanly() {
        try (TestPluginContext context = TestPluginContext.builder("layer2").node("node-1").build()) {
            var announcer = factory().create(context);

            announcer.apply(DesiredStateFile.parse("service=default/web address=192.0.2.200 candidates=node-2\n"));

            assertThat(announcer.status()).singleElement()
                    .satisfies(status -> assertThat(status.message()).isEqualTo("owner is node-2"));
            announcer.close();
            assertThat(announcer.status()).isEmpty();
        }
    }
}
