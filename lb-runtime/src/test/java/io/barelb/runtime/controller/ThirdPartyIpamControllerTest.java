package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.ipam.range.RangeIpamPlugin;
import io.barelb.runtime.cli.ThirdPartyIpamSources;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.plugin.PluginLoader;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.testkit.TestJars;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The controller serves a pool of scattered addresses through a third party's IPAM plugin loaded from a folder
 * (next to the real range plugin), and closes every allocator the plugin built once it stops.
 */
@Timeout(60)
class ThirdPartyIpamControllerTest {

    @TempDir
    Path dir;

    @Test
    void servicesGetOnlyTheHeldAddressesAndStoppingClosesThePluginsAllocators() {
        Path plugins = dir.resolve("plugins");
        TestJars.jarOf(RangeIpamPlugin.class, plugins.resolve("range/ipam-range.jar"));
        ThirdPartyIpamSources.listPlugin(plugins.resolve("list/list-ipam-1.0.jar"));
        PluginRegistry registry = new PluginLoader().load(plugins);
        ClassLoader listLoader = registry.plugins().stream().filter(p -> p.name().equals("list")).findFirst()
                .orElseThrow().classLoader();
        AtomicInteger created = ThirdPartyIpamSources.listCounter(listLoader, "CREATED");
        AtomicInteger closed = ThirdPartyIpamSources.listCounter(listLoader, "CLOSED");

        try (ControllerFixture cluster = new ControllerFixture()) {
            cluster.pool("scattered", "\"192.0.2.10/192.0.2.99\"", true);
            ServiceController controller = cluster.controller(ControllerOptions.defaults("test"),
                    registry.ipamFactories());
            controller.start();
            for (String name : List.of("a", "b", "c")) {
                cluster.create(cluster.service("default", name).build());
            }
            assertThat(cluster.awaitIngress("default", "a", l -> !l.isEmpty())).containsExactly("192.0.2.10");
            assertThat(cluster.awaitIngress("default", "b", l -> !l.isEmpty())).containsExactly("192.0.2.99");
            cluster.awaitEvent("default", "c", "AllocationFailed");
            assertThat(KubeServices.ingress(cluster.get("default", "c"))).isEmpty();
            assertThat(closed.get()).isLessThan(created.get());

            controller.close();

            assertThat(closed.get()).isEqualTo(created.get());
        }
    }
}
