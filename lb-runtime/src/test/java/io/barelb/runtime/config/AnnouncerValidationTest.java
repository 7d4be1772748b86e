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

/**
 * Kinds an announcer plugin claims are validated by it through the SPI, with the configuration's pools in its
 * {@code ValidationContext}; without the plugin they are unclaimed.
 */
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

    /** A third party's advertisement kind whose rule needs the pools: {@code minimumLength} against each entry. */
    private static final class AggregatingFactory implements AnnouncerFactory {
        final List<List<io.barelb.api.config.PoolFacts>> pools = new ArrayList<>();

        @Override
        public String name() {
            return "acme";
        }

        @Override
        public List<io.barelb.api.config.ResourceKind> kinds() {
            return List.of(io.barelb.api.config.ResourceKind.of("AcmeAdvertisement", "acmeadvertisements")
                    .asAdvertisement());
        }

        @Override
        public List<ConfigProblem> validate(List<ConfigResource> resources,
                                            io.barelb.api.config.ValidationContext context) {
            pools.add(context.pools());
            List<ConfigProblem> problems = new ArrayList<>();
            for (ConfigResource ad : resources) {
                long length = ad.spec().integer("length").orElse(32L);
                for (var pool : io.barelb.api.select.PoolSelection.selectedBy(ad.spec(), context.pools())) {
                    for (var entry : pool.entries()) {
                        if (length < entry.shortestPrefixLength()) {
                            problems.add(ad.spec().problemAt("length", String.valueOf(length), "shorter than /"
                                    + entry.shortestPrefixLength() + " of " + entry.text() + " in " + pool.name()));
                        }
                    }
                }
            }
            return problems;
        }

        @Override
        public Announcer create(PluginContext context) {
            throw new IllegalStateException("validation only");
        }
    }

    @Test
    void aThirdPartysRuleAgainstThePoolsGetsThemThroughItsValidationContext() {
        AggregatingFactory acme = new AggregatingFactory();
        ConfigValidator validator = new ConfigValidator(List.of(), List.of(acme));
        String yaml = """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: ranged, labels: {zone: a}}
                spec: {addresses: [192.0.2.0-192.0.2.95, 2001:db8::/120]}
                ---
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: other}
                spec: {addresses: [198.51.100.0/24]}
                ---
                apiVersion: barelb.io/v1beta1
                kind: AcmeAdvertisement
                metadata: {name: by-label}
                spec: {length: 25, ipAddressPoolSelectors: [{matchLabels: {zone: a}}]}
                """;

        Validation validation = validator.validate(validator.reader().readYaml("acme.yaml", yaml));

        // 192.0.2.0-192.0.2.95 is a /26 and a /27: /26 is its least specific prefix; pool "other" is not selected
        assertThat(validation.problems()).extracting(ConfigProblem::message).containsExactly(
                "AcmeAdvertisement \"by-label\": spec.length \"25\": shorter than /26 of 192.0.2.0-192.0.2.95 in ranged",
                "AcmeAdvertisement \"by-label\": spec.length \"25\": shorter than /120 of 2001:db8::/120 in ranged");
        assertThat(acme.pools).singleElement().satisfies(pools -> {
            assertThat(pools).extracting(io.barelb.api.config.PoolFacts::name).containsExactly("ranged", "other");
            assertThat(pools.get(0).labels()).containsEntry("zone", "a");
            assertThat(pools.get(0).entries().get(0).prefixes()).extracting(Object::toString)
                    .containsExactly("192.0.2.0/26", "192.0.2.64/27");
        });
    }

    @Test
    void withoutTheBgpPluginTheBgpKindsAreUnclaimedAndTheRuntimeJudgesNoneOfTheirFields() {
        ConfigValidator validator = ConfigValidator.builtIn();
        String yaml = """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: pool}
                spec: {addresses: [192.0.2.0/26]}
                ---
                apiVersion: metallb.io/v1beta2
                kind: BGPPeer
                metadata: {name: router}
                spec: {myASN: 64500, peerASN: 64501, peerAddress: 192.0.2.1, holdTime: 1s}
                ---
                apiVersion: metallb.io/v1beta1
                kind: BGPAdvertisement
                metadata: {name: aggregated}
                spec: {ipAddressPools: [pool], aggregationLength: 24}
                """;

        Validation validation = validator.validate(validator.reader().readYaml("bgp.yaml", yaml));

        // a hold time of 1 s and an aggregate wider than the pool are the bgp plugin's business, not the runtime's
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.orThrow().resources()).isEmpty();
        assertThat(validation.notices()).extracting(ConfigProblem::reason).containsExactly(
                "no installed plugin claims kind BGPPeer (metallb.io/v1beta2); it belongs to plugin bgp: install it in"
                        + " plugins/bgp; this resource is ignored",
                "no installed plugin claims kind BGPAdvertisement (metallb.io/v1beta1); it belongs to plugin bgp:"
                        + " install it in plugins/bgp; this resource is ignored");
    }
}
