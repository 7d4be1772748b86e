package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.LbPlugin;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.model.AddressPool;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** The allocator works with whatever ServiceLoader finds, exactly as the runtime wires it. */
class PluginDiscoveryTest {

    @Test
    void bothIpamPluginsAreFoundAndServeOnePool() {
        List<IpamFactory> factories = new ArrayList<>();
        for (LbPlugin plugin : ServiceLoader.load(LbPlugin.class)) {
            factories.addAll(plugin.ipamFactories());
        }
        IpamRegistry registry = new IpamRegistry(factories);
        assertThat(registry.factories()).extracting(IpamFactory::name).containsExactlyInAnyOrder("range", "cidr");
        Allocator allocator = new Allocator(registry);
        ConfigureResult result = allocator.configure(List.of(
                AddressPool.simple("mixed", List.of("192.0.2.10 - 192.0.2.11", "198.51.100.0/31"))));
        assertThat(result.accepted()).isTrue();
        List<String> handedOut = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            AllocationResult assigned = allocator.assign(Fixtures.svc("ns/s" + i));
            if (assigned instanceof AllocationResult.Assigned a) {
                handedOut.add(a.assignment().addresses().get(0).toString());
            }
        }
        assertThat(handedOut).containsExactly("192.0.2.10", "192.0.2.11", "198.51.100.0", "198.51.100.1");
    }
}
