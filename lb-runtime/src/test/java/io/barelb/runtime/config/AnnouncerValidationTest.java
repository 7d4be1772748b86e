package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Kinds an announcer plugin claims are validated by it through the SPI, and by the runtime's rules otherwise. */
class AnnouncerValidationTest {

    /** A real (if small) announcer factory: it owns L2Advertisement and rejects interfaces named "lo". */
    private static final class LoopbackRejectingFactory implements AnnouncerFactory {
        final List<List<ConfigResource>> seen = new ArrayList<>();

        @Override
        public String name() {
            return "layer2";
        }

        @Override
        public Set<String> resourceKinds() {
            return Set.of("L2Advertisement");
        }

        @Override
        public List<ConfigProblem> validate(List<ConfigResource> resources) {
            seen.add(resources);
            List<ConfigProblem> problems = new ArrayList<>();
            for (ConfigResource resource : resources) {
                List<String> interfaces = resource.spec().strings("interfaces");
                for (int i = 0; i < interfaces.size(); i++) {
                    if (interfaces.get(i).equals("lo")) {
                        problems.add(resource.spec().problemAt("interfaces[" + i + "]", "lo",
                                "the loopback interface cannot answer ARP; name a physical interface"));
                    }
                }
            }
            return problems;
        }

        @Override
        public Announcer create(PluginContext context) {
            return new Announcer() {
                private volatile io.barelb.api.announce.AnnouncerState last = io.barelb.api.announce.AnnouncerState.empty();

                @Override
                public void apply(io.barelb.api.announce.AnnouncerState desired) {
                    last = desired;
                }

                @Override
                public List<io.barelb.api.announce.AnnouncementStatus> status() {
                    return last.advertisements().stream().map(a -> new io.barelb.api.announce.AnnouncementStatus(
                            a.service(), a.address(), false, List.of(), "validation-only announcer")).toList();
                }

                @Override
                public void close() {
                    last = io.barelb.api.announce.AnnouncerState.empty();
                }
            };
        }
    }

    private static final String YAML = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {name: default}
            spec: {addresses: [192.0.2.0/24]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata: {name: l2}
            spec:
              ipAddressPools: [default]
              interfaces: [lo]
              someFieldTheRuntimeDoesNotKnow: true
            """;

    @Test
    void aClaimedKindIsJudgedByItsPluginNotByTheBuiltInRules() {
        LoopbackRejectingFactory layer2 = new LoopbackRejectingFactory();

        ConfigValidator validator = new ConfigValidator(List.of(), List.of(layer2));
        Validation validation = validator.validate(validator.reader().readYaml("l2.yaml", YAML));

        assertThat(validation.problems()).extracting(ConfigProblem::message).containsExactly(
                "L2Advertisement \"l2\": spec.interfaces[0] \"lo\": the loopback interface cannot answer ARP;"
                        + " name a physical interface");
        assertThat(layer2.seen).singleElement().satisfies(resources ->
                assertThat(resources).extracting(ConfigResource::name).containsExactly("l2"));
    }

    @Test
    void withoutThePluginTheKindIsReportedAsUnclaimedAndBlocksNothing() {
        ConfigValidator validator = ConfigValidator.builtIn();
        Validation validation = validator.validate(validator.reader().readYaml("l2.yaml", YAML));

        // the runtime has no rules of its own for L2Advertisement any more: the unknown field is nobody's business,
        // the resource is left out, and the pool is still in force
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.orThrow().pools()).extracting(p -> p.name()).containsExactly("default");
        assertThat(validation.orThrow().resources()).isEmpty();
        assertThat(validation.notices()).extracting(ConfigProblem::message).containsExactly(
                "L2Advertisement \"l2\": kind \"L2Advertisement\": no installed plugin claims kind L2Advertisement"
                        + " (metallb.io/v1beta1); it belongs to plugin layer2: install it in plugins/layer2;"
                        + " this resource is ignored");
    }
}
