package io.barelb.api.config;

import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One {@code IPAddressPool} of the configuration being validated, as a plugin's rules may need it: its name, its
 * labels and what each of its entries covers, as the IPAM plugin reading the entry answers it. Handed to plugins by
 * {@link ValidationContext#pools()} ({@code io.barelb.api.select.PoolSelection} says which an advertisement
 * selects), so that a rule judging an advertisement against the pools it selects (an
 * aggregation length against the entries' prefixes, a feature some family cannot carry) is the plugin's own and
 * any plugin can write one. Immutable.
 *
 * @param name    the pool's name
 * @param labels  the pool's labels ({@code ipAddressPoolSelectors} match them)
 * @param entries every readable entry of {@code spec.addresses}, in order
 * @since 0.3
 */
public record PoolFacts(String name, Map<String, String> labels, List<Entry> entries) {

    public PoolFacts {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        entries = List.copyOf(entries);
    }

    /** True if any entry holds addresses of {@code family}. */
    public boolean has(IpFamily family) {
        return entries.stream().anyMatch(e -> e.family() == family);
    }

    /**
     * One entry of a pool.
     *
     * @param text     the entry as written, e.g. {@code 192.0.2.10-192.0.2.20}
     * @param family   the family of its addresses
     * @param prefixes the fewest CIDR prefixes that cover exactly its addresses, ascending (one for a CIDR entry,
     *                 several for most ranges)
     */
    public record Entry(String text, IpFamily family, List<IpPrefix> prefixes) {

        public Entry {
            Objects.requireNonNull(text, "text");
            Objects.requireNonNull(family, "family");
            prefixes = List.copyOf(prefixes);
        }

        /**
         * The length of its least specific prefix (MetalLB's {@code lowestMask}): 24 for {@code 192.0.2.0/24}, 26
         * for {@code 192.0.2.0-192.0.2.95} (a /26 and a /27).
         */
        public int shortestPrefixLength() {
            return prefixes.stream().mapToInt(IpPrefix::length).min().orElse(family.bits());
        }
    }
}
