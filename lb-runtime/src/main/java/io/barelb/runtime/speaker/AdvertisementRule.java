package io.barelb.runtime.speaker;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.runtime.model.AddressPool;
import io.barelb.api.select.LabelSelector;
import java.util.List;
import java.util.Map;

/**
 * The selecting part of an advertisement resource ({@code L2Advertisement}, {@code BGPAdvertisement}, or a
 * third-party announcer's kind): which pools, Services and nodes it covers. Immutable.
 *
 * <p>Semantics as MetalLB's: pools named in {@code ipAddressPools} or matched by any of
 * {@code ipAddressPoolSelectors}, and every pool when both are empty; Services matched by any of
 * {@code serviceSelectors}, every Service when empty; nodes likewise with {@code nodeSelectors}.
 */
record AdvertisementRule(ConfigResource resource, List<String> poolNames, List<LabelSelector> poolSelectors,
                         List<LabelSelector> serviceSelectors, List<LabelSelector> nodeSelectors) {

    /** Reads the selecting fields of an advertisement resource (already validated). */
    static AdvertisementRule of(ConfigResource resource) {
        ConfigView spec = resource.spec();
        return new AdvertisementRule(resource, spec.strings("ipAddressPools"), selectors(spec, "ipAddressPoolSelectors"),
                selectors(spec, "serviceSelectors"), selectors(spec, "nodeSelectors"));
    }

    private static List<LabelSelector> selectors(ConfigView spec, String key) {
        return spec.children(key).stream().map(LabelSelector::fromConfig).toList();
    }

    boolean selectsPool(AddressPool pool) {
        if (poolNames.isEmpty() && poolSelectors.isEmpty()) {
            return true;
        }
        return poolNames.contains(pool.name()) || anyMatches(poolSelectors, pool.labels());
    }

    boolean selectsService(Map<String, String> serviceLabels) {
        return serviceSelectors.isEmpty() || anyMatches(serviceSelectors, serviceLabels);
    }

    boolean selectsNode(Map<String, String> nodeLabels) {
        return nodeSelectors.isEmpty() || anyMatches(nodeSelectors, nodeLabels);
    }

    private static boolean anyMatches(List<LabelSelector> selectors, Map<String, String> labels) {
        return selectors.stream().anyMatch(selector -> selector.matches(labels));
    }
}
