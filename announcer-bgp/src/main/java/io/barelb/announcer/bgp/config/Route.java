package io.barelb.announcer.bgp.config;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * One route to send to one peer. Immutable.
 *
 * @param prefix           the prefix, the addresses aggregated to the advertisement's length
 * @param addresses        the Service addresses this route carries (each inside {@code prefix}); a set for
 *                         look-ups, in no order
 * @param localPref        LOCAL_PREF, only for iBGP peers and only when an advertisement sets one
 * @param communities      the standard communities (32-bit values), merged over every advertisement, sorted
 * @param largeCommunities the large communities, merged, sorted
 * @param advertisements   the names of the BGPAdvertisements that produced the route, sorted
 */
public record Route(IpPrefix prefix, Set<IpAddress> addresses, Optional<Long> localPref,
                    SortedSet<Long> communities, List<Community.Large> largeCommunities, SortedSet<String> advertisements) {

    public Route {
        Objects.requireNonNull(prefix, "prefix");
        // Set.copyOf: one address (the usual /32 or /128) is a 24-byte set, not a 130-byte sorted tree
        addresses = Set.copyOf(addresses);
        // the same few community sets and advertisement names in every route (20,000 with 10,000 Services and two
        // peers): held once
        communities = SHARED.intern(communities.isEmpty() ? java.util.Collections.emptySortedSet()
                : java.util.Collections.unmodifiableSortedSet(new TreeSet<>(communities)));
        largeCommunities = largeCommunities.isEmpty() ? List.of() : SHARED.intern(List.copyOf(
                new TreeSet<Community>(largeCommunities).stream().map(Community.Large.class::cast).toList()));
        advertisements = SHARED.intern(java.util.Collections.unmodifiableSortedSet(new TreeSet<>(advertisements)));
        for (IpAddress address : addresses) {
            if (!prefix.contains(address)) {
                throw new IllegalArgumentException(address + " is outside " + prefix);
            }
        }
    }

    private static final Interner SHARED = new Interner();

    /** One instance per distinct value, held weakly (a value no route uses any more is forgotten). */
    private static final class Interner {
        private final java.util.Map<Object, java.lang.ref.WeakReference<Object>> canonical = new java.util.WeakHashMap<>();

        @SuppressWarnings("unchecked")
        synchronized <T> T intern(T value) {
            java.lang.ref.WeakReference<Object> known = canonical.get(value);
            Object held = known == null ? null : known.get();
            if (held != null) {
                return (T) held;
            }
            canonical.put(value, new java.lang.ref.WeakReference<>(value));
            return value;
        }
    }

    /** Every Service address {@code routes} carry, for look-ups that must not scan the routes each time. */
    public static java.util.Set<IpAddress> addressesOf(List<Route> routes) {
        java.util.Set<IpAddress> all = new java.util.HashSet<>();
        routes.forEach(route -> all.addAll(route.addresses()));
        return java.util.Set.copyOf(all);
    }
}
