package io.barelb.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.ipam.cidr.CidrIpamPlugin;
import io.barelb.ipam.range.RangeIpamPlugin;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.ConfigureResult;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.model.AddressPool;
import io.barelb.runtime.plugin.PluginLoader;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.testkit.TestJars;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * A third party's IPAM plugin whose entries are scattered addresses ({@code 192.0.2.10-192.0.2.11/192.0.2.99}:
 * three addresses, a dash and a slash), compiled at test time against lb-api alone and dropped into a plugins
 * folder next to the real {@code range} and {@code cidr} plugin jars, as the distribution lays them out. Driven
 * through {@code barelb validate}, {@code barelb plan} and the controller's {@link Allocator}.
 */
@Timeout(120)
class ThirdPartyIpamPluginTest {

    private static final String SCATTERED = "192.0.2.10-192.0.2.11/192.0.2.99";

    @TempDir
    static Path dir;

    private static Path plugins;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void layOutPlugins() {
        plugins = builtInsAnd("plugins", "list", ThirdPartyIpamSources::listPlugin);
    }

    /**
     * A plugins folder {@code name} as the distribution lays it out: {@code range/} and {@code cidr/} holding the
     * real built-in jars, and {@code plugin/} holding the jar {@code build} writes to the path it is given.
     */
    private static Path builtInsAnd(String name, String plugin, UnaryOperator<Path> build) {
        Path folder = dir.resolve(name);
        TestJars.jarOf(RangeIpamPlugin.class, folder.resolve("range/ipam-range.jar"));
        TestJars.jarOf(CidrIpamPlugin.class, folder.resolve("cidr/ipam-cidr.jar"));
        build.apply(folder.resolve(plugin + "/" + plugin + "-ipam-1.0.jar"));
        return folder;
    }

    private int barelb(String... args) {
        CommandLine line = Main.commandLine();
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));
        return line.execute(args);
    }

    private int validate(String pools) throws IOException {
        Path file = Files.writeString(dir.resolve("pools-" + System.nanoTime() + ".yaml"), pools);
        return barelb("validate", "--plugins-dir", plugins.toString(), file.toString());
    }

    private static String pool(String name, String... addresses) {
        return "apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: " + name + "}\n"
                + "spec: {addresses: [\"" + String.join("\", \"", addresses) + "\"]}\n";
    }

    @Test
    void theThirdPartyPluginSitsNextToTheBuiltIns() {
        assertThat(barelb("plugins", "--plugins-dir", plugins.toString())).as(err.toString()).isZero();

        // each factory with the notation it accepts
        assertThat(out.toString()).containsPattern("cidr +ipam +cidr +ADDRESS/LENGTH +ipam-cidr.jar")
                .containsPattern("list +ipam +list +ITEM/ITEM/\\.\\.\\. \\(ITEM: ADDRESS or FIRST-LAST\\) +list-ipam-1.0.jar")
                .containsPattern("range +ipam +range +FIRST-LAST +ipam-range.jar");
    }

    @Test
    void thePoolHoldsTheAddressesThePluginHoldsNotItsFirstToLast() throws IOException {
        assertThat(validate(pool("scattered", SCATTERED))).as(err.toString()).isZero();

        assertThat(out.toString()).contains("pools: 1 (3 IPv4 and 0 IPv6 addresses)").contains("scattered: 3 IPv4");
    }

    @Test
    void aRangeInsideFirstToLastButOnNoHeldAddressDoesNotOverlap() throws IOException {
        String config = pool("scattered", SCATTERED) + "---\n" + pool("between", "192.0.2.12-192.0.2.98", "192.0.2.64/27");

        assertThat(validate(config)).as(err.toString()).isEqualTo(1);
        // the two entries of "between" overlap each other; neither overlaps the scattered entry
        assertThat(err.toString()).contains("1 problem").contains("IPAddressPool \"between\": spec.addresses[1]")
                .doesNotContain(SCATTERED);

        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        assertThat(validate(pool("scattered", SCATTERED) + "---\n" + pool("between", "192.0.2.12-192.0.2.98")))
                .as(err.toString()).isZero();
        assertThat(out.toString()).contains("pools: 2 (90 IPv4 and 0 IPv6 addresses)");
    }

    @Test
    void anEntrySharingOneHeldAddressOverlaps() throws IOException {
        String config = pool("scattered", SCATTERED) + "---\n" + pool("tail", "192.0.2.90-192.0.2.99")
                + "---\n" + pool("single", "192.0.2.11/32");

        assertThat(validate(config)).isEqualTo(1);

        assertThat(err.toString()).contains("2 problems")
                .contains("IPAddressPool \"tail\": spec.addresses[0]")
                .contains("IPAddressPool \"single\": spec.addresses[0]")
                .contains("overlaps " + SCATTERED + " of pool \"scattered\"");
    }

    @Test
    void aNamePrefixRoutesTheEntryToThatPluginEvenWhenAnotherWouldClaimIt() throws IOException {
        // unprefixed, 192.0.2.32-192.0.2.30 is the range plugin's (reversed); prefixed, the list plugin judges it
        assertThat(validate(pool("mine", "list:192.0.2.32-192.0.2.30"))).isEqualTo(1);
        assertThat(err.toString()).contains("\"list:192.0.2.32-192.0.2.30\"")
                .contains("list item \"192.0.2.32-192.0.2.30\" is neither an address nor FIRST-LAST")
                .doesNotContain("is after end");

        err.getBuffer().setLength(0);
        // and the other way round: the list plugin would accept this entry, the range plugin is named
        assertThat(validate(pool("mine", "range:" + SCATTERED))).isEqualTo(1);
        assertThat(err.toString()).contains("the last address \"192.0.2.11/192.0.2.99\" is not an IPv4 or IPv6 address")
                .doesNotContain("list item");
    }

    @Test
    void anEntryNoPluginAcceptsListsTheInstalledNotations() throws IOException {
        assertThat(validate(pool("odd", "site-a/rack-3", "nope:192.0.2.1"))).isEqualTo(1);

        assertThat(err.toString()).contains("IPAddressPool \"odd\": spec.addresses[0]")
                .contains("no IPAM plugin accepts this entry; the installed notations are ADDRESS/LENGTH (cidr),"
                        + " ITEM/ITEM/... (ITEM: ADDRESS or FIRST-LAST) (list), FIRST-LAST (range)")
                .contains("IPAddressPool \"odd\": spec.addresses[1]")
                .contains("no IPAM plugin named \"nope\" is installed (installed: \"cidr\", \"list\", \"range\")");
    }

    @Test
    void planHandsOutOnlyTheHeldAddresses() throws IOException {
        Path config = Files.writeString(dir.resolve("plan-pool.yaml"), pool("scattered", SCATTERED));
        Path services = Files.writeString(dir.resolve("plan-services.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: old, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                status: {loadBalancer: {ingress: [{ip: 192.0.2.50}]}}
                """ + service("a") + service("b") + service("c"));

        int exit = barelb("plan", "--plugins-dir", plugins.toString(), "--config", config.toString(),
                "--services", services.toString(), "--allow-changes");

        assertThat(exit).as(err.toString()).isZero();
        List<String> lines = out.toString().lines().toList();
        assertThat(lines).hasSize(5);
        assertThat(lines.get(0)).isEqualTo("get     default/a [\"192.0.2.11\"]");
        assertThat(lines.get(1)).isEqualTo("get     default/b [\"192.0.2.99\"]");
        assertThat(lines.get(2)).startsWith("none    default/c (");
        assertThat(lines.get(3)).startsWith("change  default/old [\"192.0.2.50\"] -> [\"192.0.2.10\"] (192.0.2.50 is in no"
                + " address pool");
        assertThat(lines.get(4)).isEqualTo("4 Services: 0 keep, 2 get, 1 change, 0 lose, 1 without address");
    }

    private static String service(String name) {
        return "---\napiVersion: v1\nkind: Service\nmetadata: {name: " + name + ", namespace: default}\n"
                + "spec: {type: LoadBalancer, ports: [{port: 80}]}\n";
    }

    @Test
    void theControllersAllocatorUsesTheHeldSetAndClosesThePluginsAllocators() {
        PluginRegistry registry = new PluginLoader().load(plugins);
        AtomicInteger closed = closedCounter(registry);
        int closedBefore = closed.get();
        try (Allocator allocator = new Allocator(new IpamRegistry(registry.ipamFactories()))) {
            ConfigureResult configured = allocator.configure(List.of(AddressPool.simple("scattered", List.of(SCATTERED)),
                    AddressPool.simple("between", List.of("192.0.2.12-192.0.2.98"))));
            assertThat(configured.problems()).isEmpty();
            assertThat(allocator.usage()).extracting(PoolUsage::pool, PoolUsage::total).containsExactlyInAnyOrder(
                    org.assertj.core.groups.Tuple.tuple("scattered", BigInteger.valueOf(3)),
                    org.assertj.core.groups.Tuple.tuple("between", BigInteger.valueOf(87)));

            List<String> handedOut = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                AllocationResult result = allocator.assign(request("s" + i).withPool("scattered"));
                if (result instanceof AllocationResult.Assigned assigned) {
                    handedOut.add(assigned.assignment().addresses().get(0).toString());
                } else {
                    assertThat(((AllocationResult.Failed) result).code()).isEqualTo(ErrorCode.POOL_EXHAUSTED);
                }
            }
            assertThat(handedOut).containsExactly("192.0.2.10", "192.0.2.11", "192.0.2.99");
            AllocationResult gap = allocator.assign(request("gap").withPool("scattered")
                    .withAddresses(List.of(IpAddress.parse("192.0.2.50"))));
            // 192.0.2.50 lies between the scattered entry's first and last address, but belongs to "between"
            assertThat(gap).isInstanceOfSatisfying(AllocationResult.Failed.class,
                    failed -> assertThat(failed.message()).contains("belong to pool \"between\""));

            // a new configuration drops the list plugin's allocator (and the range's): only the former counts
            allocator.configure(List.of(AddressPool.simple("prefixed", List.of("list:192.0.2.30-192.0.2.32"))));
            assertThat(closed.get() - closedBefore).isEqualTo(1);
            assertThat(allocator.assign(request("p")).toString()).contains("192.0.2.30");
        }
        // closing the allocator closes the prefixed entry's allocator: the list plugin built it, not the range plugin
        assertThat(closed.get() - closedBefore).isEqualTo(2);
    }

    private static ServiceRequest request(String name) {
        return ServiceRequest.of(ServiceKey.parse("default/" + name));
    }

    /** {@code ListIpamPlugin.CLOSED}, read through the plugin's own class loader. */
    private static AtomicInteger closedCounter(PluginRegistry registry) {
        return ThirdPartyIpamSources.listCounter(listLoader(registry), "CLOSED");
    }

    private static ClassLoader listLoader(PluginRegistry registry) {
        return registry.plugins().stream().filter(p -> p.name().equals("list")).findFirst().orElseThrow().classLoader();
    }

    @Test
    void planClosesEveryAllocatorItBuilds() throws IOException {
        PluginRegistry registry = new PluginLoader().load(plugins);
        AtomicInteger created = ThirdPartyIpamSources.listCounter(listLoader(registry), "CREATED");
        AtomicInteger closed = closedCounter(registry);
        int createdBefore = created.get();
        int closedBefore = closed.get();
        Path config = Files.writeString(dir.resolve("closing-pool.yaml"), pool("scattered", SCATTERED));
        Path services = Files.writeString(dir.resolve("closing-services.yaml"), service("a"));
        CommandLine line = new CommandLine(new PlanCommand(registry.ipamFactories(), List.of()));
        line.setOut(new PrintWriter(out, true));
        line.setErr(new PrintWriter(err, true));

        assertThat(line.execute("--config", config.toString(), "--services", services.toString())).as(err.toString()).isZero();

        assertThat(out.toString()).startsWith("get     default/a [\"192.0.2.10\"]");
        assertThat(created.get() - createdBefore).isPositive();
        assertThat(closed.get() - closedBefore).isEqualTo(created.get() - createdBefore);
    }

    @Test
    void aFactoryWhoseConstructorFailsIsReportedWithItsWholeCauseChain() {
        Path broken = builtInsAnd("plugins-broken-factory", "sites", ThirdPartyIpamSources::brokenFactoryPlugin);

        assertThat(barelb("plugins", "--plugins-dir", broken.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("error [PluginFailure]: plugin \"sites\" failed in "
                + ThirdPartyIpamSources.BROKEN_FACTORY_PLUGIN + ".ipamFactories(): "
                + "java.lang.IllegalStateException: cannot read the site table"
                + "; caused by: java.io.UncheckedIOException: opening the site database"
                + "; caused by: java.nio.file.NoSuchFileException: /etc/example/sites.db");
    }

    @Test
    void anEntryPointWhoseConstructorFailsIsReportedWithItsWholeCauseChain() {
        Path broken = builtInsAnd("plugins-broken-entry", "licensed", ThirdPartyIpamSources::brokenEntryPlugin);

        assertThat(barelb("plugins", "--plugins-dir", broken.toString())).isEqualTo(2);

        assertThat(err.toString()).contains("error [PluginLoadFailure]: plugin folder " + broken.resolve("licensed"))
                .contains("lists an entry point that cannot be built")
                .contains(ThirdPartyIpamSources.BROKEN_ENTRY_PLUGIN)
                .contains("caused by: java.lang.IllegalStateException: no licence for this node"
                        + "; caused by: java.lang.IllegalArgumentException: licence key expired on 2026-01-01");
    }
}
