package io.barelb.announcer.bgp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.announcer.bgp.config.BgpValidation;
import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.plugin.LbPlugin;
import io.barelb.tck.TestPluginContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

class BgpAnnouncerFactoryTest {

    private final BgpAnnouncerFactory factory = new BgpAnnouncerFactory();

    @Test
    void thePluginIsFoundByTheServiceLoaderAndOffersTheBgpFactory() {
        List<String> names = ServiceLoader.load(LbPlugin.class).stream().map(ServiceLoader.Provider::get)
                .flatMap(plugin -> plugin.announcerFactories().stream()).map(AnnouncerFactory::name).toList();

        assertThat(names).containsExactly("bgp");
    }

    @Test
    void itOwnsTheFourBgpKindsAndSelectsByBgpAdvertisement() {
        assertThat(factory.resourceKinds()).containsExactlyInAnyOrder("BGPPeer", "BGPAdvertisement", "BFDProfile",
                "Community");
        assertThat(factory.advertisementKind()).contains("BGPAdvertisement");
    }

    @Test
    void validateGivesExactlyTheProblemsOfBgpValidation() {
        List<ConfigResource> resources = List.of(
                TestResources.peer("router", Map.of("myASN", 64512, "peerASN", 64513, "peerAddress", "203.0.113.1",
                        "holdTime", "1s")),
                TestResources.of("BFDProfile", "fast", Map.of("detectMultiplier", 1)));

        List<ConfigProblem> problems = factory.validate(resources);

        assertThat(problems).isNotEmpty().isEqualTo(BgpValidation.validate(resources));
        assertThat(problems).extracting(ConfigProblem::field).contains("spec.holdTime", "spec.detectMultiplier");
        assertThat(factory.validate(List.of(TestResources.peer("router", Map.of("myASN", 64512, "peerASN", 64513,
                "peerAddress", "203.0.113.1"))))).isEmpty();
    }

    @Test
    void withoutANodeNameCreateNamesTheFlagToSet() {
        try (TestPluginContext context = TestPluginContext.builder("bgp").build()) {
            assertThatThrownBy(() -> factory.create(context)).isInstanceOf(LbException.class)
                    .hasMessageContaining("--node").extracting(e -> ((LbException) e).code())
                    .isEqualTo(ErrorCode.INVALID_CONFIG);
        }
    }
}
