package io.barelb.runtime.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One address pool as configured (an {@code IPAddressPool} CR or an {@code address-pools} entry of the legacy
 * ConfigMap), before its entries are handed to IPAM plugins. Immutable.
 *
 * @param name              the pool name
 * @param labels            the resource labels (advertisements select pools by them)
 * @param addresses         the entries as written ({@code first-last} or CIDR)
 * @param autoAssign        false: only Services that ask for the pool or one of its addresses get one
 * @param avoidBuggyIps     never hand out IPv4 addresses ending in .0 or .255
 * @param serviceAllocation pinning to namespaces/Services, if any
 */
public record AddressPool(String name, Map<String, String> labels, List<String> addresses, boolean autoAssign,
                          boolean avoidBuggyIps, Optional<ServiceAllocation> serviceAllocation) {

    public AddressPool {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(serviceAllocation, "serviceAllocation");
    }

    /** A pool with default settings: auto-assign on, buggy IPs allowed, no pinning, no labels. */
    public static AddressPool simple(String name, List<String> addresses) {
        return new AddressPool(name, Map.of(), addresses, true, false, Optional.empty());
    }
}
