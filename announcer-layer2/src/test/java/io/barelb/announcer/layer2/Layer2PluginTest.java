package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncerFactory;
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

        assertThat(factory.resourceKinds()).containsExactly("L2Advertisement");
        assertThat(new Layer2Plugin().ipamFactories()).isEmpty();
    }

    @Test
    void validateReportsProblemsThroughTheSpi() {
        assertThat(factory().validate(List.of(L2AdvertisementConfigTest.ad("x", Map.of("interfaces", List.of("a b"))))))
                .singleElement().satisfies(problem -> assertThat(problem.field()).isEqualTo("spec.interfaces[0]"));
    }

    @Test
    void anAnnouncerNeedsANodeName() {
        try (TestPluginContext context = new TestPluginContext(null)) {
            assertThatThrownBy(() -> factory().create(context)).isInstanceOf(LbException.class)
                    .hasMessageContaining("--node or NODE_NAME")
                    .satisfies(e -> assertThat(((LbException) e).code()).isEqualTo(ErrorCode.INVALID_CONFIG));
        }
    }

    @Test
    void anAnnouncerWithoutMembershipStartsAndClosesCleanly() {
        try (TestPluginContext context = new TestPluginContext("node-1")) {
            var announcer = factory().create(context);

            announcer.apply(DesiredStateFile.parse("service=default/web address=192.0.2.200 candidates=node-2\n"));

            assertThat(announcer.status()).singleElement()
                    .satisfies(status -> assertThat(status.message()).isEqualTo("owner is node-2"));
            announcer.close();
            assertThat(announcer.status()).isEmpty();
        }
    }
}
