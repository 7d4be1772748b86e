package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.ipam.block.BlockAllocator;
import io.barelb.api.net.IpAddress;
import io.barelb.ipam.cidr.CidrIpamFactory;
import io.barelb.ipam.range.RangeIpamFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;

/** Which factory answers a pool entry: the one its {@code NAME:} prefix names, else the one that accepts it. */
class IpamRegistryTest {

    /** A factory that accepts what {@code test} says, records what it was asked, and refuses "bad" entries. */
    private record Probe(String name, Predicate<String> test, List<String> asked, List<String> created)
            implements IpamFactory {

        Probe(String name, Predicate<String> test) {
            this(name, test, new ArrayList<>(), new ArrayList<>());
        }

        @Override
        public boolean accepts(String entry) {
            asked.add(entry);
            return test.test(entry);
        }

        @Override
        public AddressAllocator create(PoolEntry entry) {
            created.add(entry.text());
            if (entry.text().contains("bad")) {
                throw new ConfigException(new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(),
                        "is bad"));
            }
            return new BlockAllocator(IpAddress.parse("192.0.2.1"), IpAddress.parse("192.0.2.1"), false);
        }
    }

    private static PoolEntry entry(String text) {
        return new PoolEntry("p", 2, text, false);
    }

    private static ConfigProblem problem(IpamRegistry registry, String text) {
        ConfigException refused = org.junit.jupiter.api.Assertions.assertThrows(ConfigException.class,
                () -> registry.create(entry(text)));
        assertThat(refused.problems()).hasSize(1);
        return refused.problems().get(0);
    }

    @Test
    void aNamePrefixRoutesToThatFactoryWithoutAskingAnyAndIsRemoved() {
        Probe sites = new Probe("sites", e -> false);
        Probe greedy = new Probe("greedy", e -> true);
        IpamRegistry registry = new IpamRegistry(List.of(greedy, sites));

        registry.create(entry(" sites: rack-3 "));

        assertThat(sites.created()).containsExactly("rack-3");
        assertThat(greedy.asked()).isEmpty();
        assertThat(sites.asked()).isEmpty();
        assertThat(greedy.created()).isEmpty();
    }

    @Test
    void aPrefixedEntryTheFactoryRefusesIsReportedAsWritten() {
        IpamRegistry registry = new IpamRegistry(List.of(new Probe("sites", e -> false)));

        ConfigProblem problem = problem(registry, "sites:bad-rack");

        assertThat(problem.value()).isEqualTo("sites:bad-rack");
        assertThat(problem.field()).isEqualTo("spec.addresses[2]");
        assertThat(problem.reason()).isEqualTo("is bad");
    }

    @Test
    void anUnprefixedEntryGoesToTheOneFactoryThatAcceptsIt() {
        Probe dashes = new Probe("dashes", e -> e.contains("-"));
        Probe slashes = new Probe("slashes", e -> e.contains("/"));
        IpamRegistry registry = new IpamRegistry(List.of(dashes, slashes));

        registry.create(entry("a-b"));

        assertThat(dashes.created()).containsExactly("a-b");
        assertThat(slashes.asked()).containsExactly("a-b");
        assertThat(slashes.created()).isEmpty();
    }

    @Test
    void twoAcceptingFactoriesAreNamedWithThePrefixThatSettlesIt() {
        IpamRegistry registry = new IpamRegistry(List.of(new Probe("dashes", e -> e.contains("-")),
                new Probe("slashes", e -> e.contains("/"))));

        ConfigProblem problem = problem(registry, "a-b/c");

        assertThat(problem.reason()).isEqualTo("the IPAM plugins \"dashes\", \"slashes\" all accept this entry; write it"
                + " with the name of the one that should read it as a prefix, e.g. dashes:a-b/c");
        assertThat(problem.value()).isEqualTo("a-b/c");
    }

    @Test
    void anEntryNoFactoryAcceptsListsEveryNotation() {
        IpamRegistry registry = new IpamRegistry(List.of(new RangeIpamFactory(), new CidrIpamFactory(),
                new Probe("sites", e -> false)));

        ConfigProblem problem = problem(registry, "rack 3");

        assertThat(problem.reason()).isEqualTo("no IPAM plugin accepts this entry; the installed notations are"
                + " FIRST-LAST (range), ADDRESS/LENGTH (cidr), sites:... (sites); write the entry in one of them, or as"
                + " NAME:ENTRY to hand it to the IPAM plugin NAME");
        assertThat(new IpamRegistry(List.of()).notations()).isEqualTo("none (no IPAM plugin is installed)");
    }

    @Test
    void aPrefixNamingNoInstalledFactoryNamesTheInstalledOnes() {
        IpamRegistry registry = new IpamRegistry(List.of(new RangeIpamFactory(), new CidrIpamFactory()));

        ConfigProblem problem = problem(registry, "netbox:42");

        assertThat(problem.reason()).isEqualTo("no IPAM plugin named \"netbox\" is installed (installed: \"range\","
                + " \"cidr\"); install the plugin that provides it, or fix the prefix");
    }

    @Test
    void anIpv6AddressIsNeverTakenForAPrefix() {
        IpamRegistry registry = new IpamRegistry(List.of(new RangeIpamFactory(), new CidrIpamFactory()));

        // "fc00", "2001" and "db8" are hex groups, "" starts "::": none is a name
        assertThat(registry.route(entry("fc00::1-fc00::9")).factory().name()).isEqualTo("range");
        assertThat(registry.route(entry("2001:db8::/64")).factory().name()).isEqualTo("cidr");
        assertThat(registry.route(entry("::1/128")).factory().name()).isEqualTo("cidr");
        assertThat(registry.route(entry("cidr:2001:db8::/64")).entry().text()).isEqualTo("2001:db8::/64");
    }

    @Test
    void aNameThatCannotPrefixAnEntryIsRefused() {
        for (String name : List.of("Sites", "3sites", "beef", "a", "site_a", "")) {
            assertThatThrownBy(() -> new IpamRegistry(List.of(new Probe(name, e -> false))))
                    .as(name).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("is named \"" + name + "\", which cannot prefix a pool entry");
        }
        assertThat(new IpamRegistry(List.of(new Probe("beef-1", e -> false), new Probe("site-a", e -> false)))
                .factories()).hasSize(2);
    }
}
