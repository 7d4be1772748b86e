package io.barelb.api.select;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigView;
import io.barelb.api.config.PoolFacts;
import java.util.ArrayList;
import java.util.List;

/**
 * Which pools an advertisement resource selects, by the fields every advertisement kind has ({@code ipAddressPools},
 * {@code ipAddressPoolSelectors}), for a plugin's rules against the pools of {@code ValidationContext.pools()}. Pure.
 *
 * @since 0.3
 */
public final class PoolSelection {

    private PoolSelection() {
    }

    /**
     * The pools an advertisement selects, as the runtime selects them for the advertisement kind: every pool named in
     * {@code ipAddressPools} or matched by one of {@code ipAddressPoolSelectors}, and every pool when neither field
     * is given or both are empty (MetalLB's {@code setBGPAdvertisementsToPools}). Names that match no pool are left
     * out (the runtime reports them); a malformed field selects nothing through that field (the owner's rules report
     * it).
     */
    public static List<PoolFacts> selectedBy(ConfigView advertisement, List<PoolFacts> pools) {
        List<String> names = readOrEmpty(() -> advertisement.strings("ipAddressPools"));
        List<LabelSelector> selectors = readOrEmpty(() -> advertisement.children("ipAddressPoolSelectors").stream()
                .map(LabelSelector::fromConfig).toList());
        if (names.isEmpty() && selectors.isEmpty()) {
            return List.copyOf(pools);
        }
        List<PoolFacts> selected = new ArrayList<>();
        for (PoolFacts pool : pools) {
            if (names.contains(pool.name()) || selectors.stream().anyMatch(s -> s.matches(pool.labels()))) {
                selected.add(pool);
            }
        }
        return List.copyOf(selected);
    }

    private static <T> List<T> readOrEmpty(java.util.function.Supplier<List<T>> read) {
        try {
            return read.get();
        } catch (ConfigException | IllegalArgumentException e) {
            return List.of();
        }
    }

}
