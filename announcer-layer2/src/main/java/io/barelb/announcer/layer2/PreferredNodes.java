package io.barelb.announcer.layer2;

import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.select.LabelSelector;
import java.util.Map;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code L2Advertisement.spec.preferredNodeSelectors}: each node's preference is the sum of the {@code weight}s
 * of the {@code preference} selectors its labels match, over every advertisement that selects the address; only
 * the eligible nodes with the highest preference take part in the owner election, so when a preferred node is a
 * live candidate the owner is one of the preferred nodes, and when none is, every eligible node competes as
 * before. All speakers get the same advertisements and node facts, so they agree. Pure and thread-safe.
 */
final class PreferredNodes {

    private PreferredNodes() {
    }

    /**
     * The nodes among {@code eligible} with the highest summed preference.
     *
     * @param advertisements the advertisements selecting the address (validated)
     * @param nodes          node facts by name; a node without facts has no labels
     */
    static Set<String> restrict(Set<String> eligible, List<ConfigResource> advertisements, Map<String, NodeFacts> nodes) {
        List<Preference> preferences = advertisements.stream()
                .flatMap(ad -> ad.spec().children("preferredNodeSelectors").stream())
                .map(Preference::of).toList();
        if (preferences.isEmpty() || eligible.isEmpty()) {
            return eligible;
        }
        long best = Long.MIN_VALUE;
        Set<String> winners = new TreeSet<>();
        for (String node : eligible) {
            Map<String, String> labels = nodes.containsKey(node) ? nodes.get(node).labels() : Map.of();
            long weight = preferences.stream().filter(p -> p.selector().matches(labels)).mapToLong(Preference::weight).sum();
            if (weight > best) {
                best = weight;
                winners.clear();
            }
            if (weight == best) {
                winners.add(node);
            }
        }
        return winners;
    }

    private record Preference(long weight, LabelSelector selector) {

        static Preference of(ConfigView preferred) {
            return new Preference(preferred.integer("weight").orElse(0L),
                    preferred.child("preference").map(LabelSelector::fromConfig).orElse(LabelSelector.EVERYTHING));
        }
    }
}
