package io.barelb.announcer.bgp.rib;

import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.LargeCommunity;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The per-route part of what is announced: LOCAL_PREF (iBGP only), COMMUNITIES (RFC 1997) and LARGE_COMMUNITY
 * (RFC 8092). ORIGIN, AS_PATH and NEXT_HOP depend on the session and are added by {@link UpdatePacker}. Immutable;
 * equal attributes share UPDATEs, so the lists are kept sorted and without duplicates.
 *
 * @param localPref        LOCAL_PREF for iBGP peers; {@link UpdatePacker#DEFAULT_LOCAL_PREF} when empty
 * @param communities      standard communities
 * @param largeCommunities large communities
 */
public record RouteAttributes(Optional<Long> localPref, List<Community> communities,
        List<LargeCommunity> largeCommunities) {

    /** No LOCAL_PREF of its own and no communities. */
    public static final RouteAttributes PLAIN = new RouteAttributes(Optional.empty(), List.of(), List.of());

    public RouteAttributes {
        Objects.requireNonNull(localPref, "localPref");
        communities = communities.stream().distinct().sorted(Comparator.comparingLong(Community::bits)).toList();
        largeCommunities = largeCommunities.stream().distinct()
                .sorted(Comparator.comparingLong(LargeCommunity::globalAdministrator)
                        .thenComparingLong(LargeCommunity::localData1).thenComparingLong(LargeCommunity::localData2))
                .toList();
    }
}
