package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.ipam.cidr.CidrIpamPlugin;
import io.barelb.ipam.range.RangeIpamPlugin;
import io.barelb.runtime.model.AddressPool;
import io.barelb.api.select.LabelSelector;
import io.barelb.runtime.model.ServiceAllocation;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Shared helpers for allocator tests: the real range and cidr plugins, pools and requests. */
final class Fixtures {

    private Fixtures() {
    }

    static IpamRegistry registry() {
        List<io.barelb.api.ipam.IpamFactory> factories = new ArrayList<>();
        factories.addAll(new RangeIpamPlugin().ipamFactories());
        factories.addAll(new CidrIpamPlugin().ipamFactories());
        return new IpamRegistry(factories);
    }

    static Allocator allocator(AddressPool... pools) {
        Allocator allocator = new Allocator(registry());
        ConfigureResult result = allocator.configure(List.of(pools));
        assertThat(result.problems()).isEmpty();
        return allocator;
    }

    static AddressPool pool(String name, String... addresses) {
        return AddressPool.simple(name, Arrays.asList(addresses));
    }

    static AddressPool manualPool(String name, String... addresses) {
        return new AddressPool(name, Map.of(), Arrays.asList(addresses), false, false, Optional.empty());
    }

    static AddressPool buggyPool(String name, String... addresses) {
        return new AddressPool(name, Map.of(), Arrays.asList(addresses), true, true, Optional.empty());
    }

    static AddressPool pinnedToNamespaces(String name, int priority, List<String> namespaces, String... addresses) {
        ServiceAllocation allocation = new ServiceAllocation(priority == 0 ? OptionalInt.empty() : OptionalInt.of(priority),
                namespaces, List.of(), List.of());
        return new AddressPool(name, Map.of(), Arrays.asList(addresses), true, false, Optional.of(allocation));
    }

    static AddressPool pinned(String name, ServiceAllocation allocation, String... addresses) {
        return new AddressPool(name, Map.of(), Arrays.asList(addresses), true, false, Optional.of(allocation));
    }

    static ServiceAllocation selecting(List<LabelSelector> namespaceSelectors, List<LabelSelector> serviceSelectors) {
        return new ServiceAllocation(OptionalInt.empty(), List.of(), namespaceSelectors, serviceSelectors);
    }

    static ServiceKey key(String text) {
        return ServiceKey.parse(text);
    }

    static ServiceRequest svc(String key) {
        return ServiceRequest.of(key(key));
    }

    static IpAddress ip(String text) {
        return IpAddress.parse(text);
    }

    static List<IpAddress> ips(String... texts) {
        return Arrays.stream(texts).map(IpAddress::parse).toList();
    }

    /** Asserts success and returns the addresses as text. */
    static List<String> assigned(AllocationResult result) {
        assertThat(result).as("%s", result).isInstanceOf(AllocationResult.Assigned.class);
        return ((AllocationResult.Assigned) result).assignment().addresses().stream().map(IpAddress::toString).toList();
    }

    static String poolOf(AllocationResult result) {
        assertThat(result).as("%s", result).isInstanceOf(AllocationResult.Assigned.class);
        return ((AllocationResult.Assigned) result).assignment().pool();
    }

    /** Asserts failure with {@code code} and returns the message. */
    static String failed(AllocationResult result, ErrorCode code) {
        assertThat(result).as("%s", result).isInstanceOf(AllocationResult.Failed.class);
        AllocationResult.Failed failed = (AllocationResult.Failed) result;
        assertThat(failed.code()).as(failed.message()).isEqualTo(code);
        return failed.message();
    }
}
