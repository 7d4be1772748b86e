package io.barelb.runtime.model;

import io.barelb.api.select.LabelSelector;
import java.util.List;
import java.util.OptionalInt;

/**
 * An {@code IPAddressPool}'s {@code spec.serviceAllocation}: which Services the pool is pinned to, and with
 * what priority. Immutable.
 *
 * @param priority           lower is preferred; empty (or 0, as MetalLB treats it) sorts last
 * @param namespaces         namespace names the pool serves
 * @param namespaceSelectors selectors on namespace labels
 * @param serviceSelectors   selectors on Service labels
 */
public record ServiceAllocation(OptionalInt priority, List<String> namespaces, List<LabelSelector> namespaceSelectors,
                                List<LabelSelector> serviceSelectors) {

    public ServiceAllocation {
        namespaces = List.copyOf(namespaces);
        namespaceSelectors = List.copyOf(namespaceSelectors);
        serviceSelectors = List.copyOf(serviceSelectors);
    }
}
