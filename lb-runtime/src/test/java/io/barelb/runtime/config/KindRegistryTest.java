package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Who owns which configuration kind, and what the reader and the validator make of that. */
class KindRegistryTest {

    /** An announcer owning {@code kinds}; records what it was asked to validate and with which context. */
    private static final class Owner implements AnnouncerFactory {
        final String name;
        final List<ResourceKind> kinds;
        final List<List<ConfigResource>> seen = new ArrayList<>();
        final List<ValidationContext> contexts = new ArrayList<>();

        Owner(String name, ResourceKind... kinds) {
            this.name = name;
            this.kinds = List.of(kinds);
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public List<ResourceKind> kinds() {
            return kinds;
        }

        @Override
        public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
            seen.add(resources);
            contexts.add(context);
            return List.of();
        }

        @Override
        public Announcer create(PluginContext context) {
            throw new UnsupportedOperationException();
        }
    }

    private static KindRegistry registry(AnnouncerFactory... factories) {
        return KindRegistry.of(List.of(factories).stream()
                .map(f -> KindOwner.of(f.name(), "plugins/" + f.name(), f)).toList());
    }

    @Test
    void withoutPluginsTheRuntimeOwnsPoolsOnlyAndHoldsNoRulesForAnyPluginsKinds() {
        KindRegistry kinds = KindRegistry.builtIn();

        assertThat(kinds.configKinds()).extracting(ResourceKind::kind)
                .containsExactly("IPAddressPool", "VirtualIP", "HealthCheck");
        assertThat(kinds.owners()).extracting(KindOwner::plugin).containsExactly("runtime");
        assertThat(kinds.owner("BGPPeer")).isEmpty();
        assertThat(kinds.owner("IPAddressPool")).isEmpty();
        assertThat(kinds.owner("L2Advertisement")).isEmpty();
        assertThat(kinds.unclaimedKnownKinds()).extracting(ResourceKind::kind)
                .containsExactly("BFDProfile", "BGPAdvertisement", "BGPPeer", "Community", "L2Advertisement");
        assertThat(kinds.unclaimed("metallb.io/v1beta2", "BGPPeer", "tor").message()).isEqualTo("BGPPeer \"tor\": kind"
                + " \"BGPPeer\": no installed plugin claims kind BGPPeer (metallb.io/v1beta2); it belongs to plugin bgp:"
                + " install it in plugins/bgp; this resource is ignored");
    }

    @Test
    void aPluginClaimingOneBgpKindClaimsThatKindOnly() {
        Owner bgp = new Owner("bgp", ResourceKind.metallb("BGPPeer"));

        KindRegistry kinds = registry(bgp);

        assertThat(kinds.owners()).extracting(KindOwner::plugin).containsExactly("bgp", "runtime");
        assertThat(kinds.owner("BGPPeer").orElseThrow().plugin()).isEqualTo("bgp");
        assertThat(kinds.kind("Community")).isEmpty();
        assertThat(kinds.kind("BGPPeer").orElseThrow().apiVersions())
                .containsExactly("metallb.io/v1beta2", "metallb.io/v1beta1", "barelb.io/v1beta1");
    }

    @Test
    void twoOwnersOfOneKindAndAClaimOnTheRuntimesKindsAreRefusedNamingWhere() {
        ResourceKind acme = ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement();

        assertThatThrownBy(() -> registry(new Owner("a", acme), new Owner("b", acme)))
                .isInstanceOf(KindRegistry.KindConflictException.class)
                .hasMessage("two plugins claim the configuration kind AcmeAdvertisement: plugins/a and plugins/b;"
                        + " remove one of the folders");
        assertThatThrownBy(() -> registry(new Owner("c", ResourceKind.metallb("IPAddressPool"))))
                .hasMessageContaining("plugins/c claims the configuration kind IPAddressPool, which is the runtime's own");
        assertThatThrownBy(() -> registry(new Owner("d", ResourceKind.of("VirtualIP", "virtualips"))))
                .hasMessageContaining("plugins/d claims the configuration kind VirtualIP, which is the runtime's own");
    }

    @Test
    void theReaderAcceptsAPluginsKindOnlyUnderTheVersionsItDeclares() {
        Owner acme = new Owner("acme", ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement());
        ConfigReader reader = new ConfigReader(registry(acme));

        ConfigInput ours = reader.readYaml("a.yaml", "apiVersion: barelb.io/v1beta1\nkind: AcmeAdvertisement\n"
                + "metadata: {name: a}\nspec: {beacon: x}\n");
        ConfigInput metallbs = reader.readYaml("b.yaml", "apiVersion: metallb.io/v1beta1\nkind: AcmeAdvertisement\n"
                + "metadata: {name: b}\n");
        ConfigInput status = reader.readYaml("c.yaml", "apiVersion: barelb.io/v1beta1\nkind: ConfigurationState\n"
                + "metadata: {name: controller}\n");
        ConfigInput elsewhere = reader.readYaml("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n");

        assertThat(ours.resources()).extracting(ConfigResource::kind).containsExactly("AcmeAdvertisement");
        assertThat(metallbs.problems()).extracting(ConfigProblem::message).containsExactly(
                "AcmeAdvertisement \"b\": apiVersion \"metallb.io/v1beta1\": unsupported apiVersion for AcmeAdvertisement;"
                        + " use barelb.io/v1beta1");
        assertThat(status.resources()).isEmpty();
        assertThat(status.notices()).isEmpty();
        assertThat(status.ignored()).isEqualTo(1);
        assertThat(elsewhere.ignored()).isEqualTo(1);
    }

    @Test
    void theValidatorHandsEachOwnerExactlyItsResourcesWithItsContext() {
        Owner acme = new Owner("acme", ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement());
        Owner other = new Owner("other", ResourceKind.of("Widget", "widgets"));
        ConfigValidator validator = new ConfigValidator(List.of(), registry(acme, other),
                name -> () -> "context of " + name);

        Validation validation = validator.validate(validator.reader().readYaml("x.yaml", """
                apiVersion: barelb.io/v1beta1
                kind: AcmeAdvertisement
                metadata: {name: a}
                spec: {ipAddressPools: [missing]}
                ---
                apiVersion: barelb.io/v1beta1
                kind: Widget
                metadata: {name: w}
                """));

        assertThat(acme.seen).singleElement().satisfies(r -> assertThat(r).extracting(ConfigResource::name).containsExactly("a"));
        assertThat(other.seen).singleElement().satisfies(r -> assertThat(r).extracting(ConfigResource::name).containsExactly("w"));
        assertThat(acme.contexts).extracting(ValidationContext::pluginName).containsExactly("context of acme");
        // the runtime's protocol-neutral cross-kind check: a pool reference that names no pool is a notice (MetalLB
        // skips such a name), for any advertisement kind
        assertThat(validation.problems()).isEmpty();
        assertThat(validation.notices()).extracting(ConfigProblem::message).contains(
                "AcmeAdvertisement \"a\": spec.ipAddressPools[0] \"missing\": no IPAddressPool has this name, so the"
                        + " advertisement selects nothing by it (as in MetalLB); create the pool or remove the reference");
    }

    @Test
    void anUnclaimedKindNamesThePluginThatWouldOwnIt() {
        KindRegistry kinds = KindRegistry.builtIn();

        assertThat(kinds.unclaimed("metallb.io/v1beta1", "L2Advertisement", "l2").reason())
                .isEqualTo("no installed plugin claims kind L2Advertisement (metallb.io/v1beta1); it belongs to plugin"
                        + " layer2: install it in plugins/layer2; this resource is ignored");
        assertThat(kinds.unclaimed("barelb.io/v1beta1", "Gadget", "g").reason())
                .startsWith("no installed plugin claims kind Gadget (barelb.io/v1beta1); the installed plugins claim"
                        + " HealthCheck, IPAddressPool, VirtualIP; this resource is ignored");
    }

    @Test
    void aPluginWrittenAgainst01GetsItsKindsFromResourceKindsAndNoGuessedAdvertisementKind() {
        AnnouncerFactory old = new AnnouncerFactory() {
            @Override
            public String name() {
                return "old";
            }

            @Override
            public Set<String> resourceKinds() {
                return Set.of("L2Advertisement", "AcmeAdvertisement", "Community");
            }

            @Override
            public Announcer create(PluginContext context) {
                throw new UnsupportedOperationException();
            }
        };

        assertThat(old.kinds()).extracting(ResourceKind::kind, ResourceKind::plural, ResourceKind::advertisement)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("AcmeAdvertisement", "acmeadvertisements", false),
                        org.assertj.core.groups.Tuple.tuple("Community", "communities", false),
                        org.assertj.core.groups.Tuple.tuple("L2Advertisement", "l2advertisements", true));
        assertThat(old.advertisementKind()).isEqualTo(Optional.of("L2Advertisement"));
        assertThat(ResourceKind.named("Policy").plural()).isEqualTo("policies");
        assertThat(ResourceKind.named("Gateway").plural()).isEqualTo("gateways");
    }
}
