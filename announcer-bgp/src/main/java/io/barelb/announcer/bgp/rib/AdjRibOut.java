package io.barelb.announcer.bgp.rib;

import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The Adj-RIB-Out of one peer (RFC 4271 §3.2): the routes this side has told the peer about. Given the whole
 * desired set, {@link #update} returns only the difference as UPDATEs: withdrawals first (sent at once, never
 * delayed behind announcements), then the new or changed routes packed by attributes. Running it twice with the
 * same set returns nothing. Not thread-safe: the session's event loop owns it.
 */
public final class AdjRibOut {

    private final SortedMap<IpPrefix, RouteAttributes> advertised = new TreeMap<>(AdjRibOut::compare);

    /** Orders IPv4 before IPv6, then by network and length. */
    static int compare(IpPrefix a, IpPrefix b) {
        int byNetwork = a.network().compareTo(b.network());
        return byNetwork != 0 ? byNetwork : Integer.compare(a.length(), b.length());
    }

    /** The UPDATEs that take the peer from what it has to {@code desired}; remembers {@code desired}. */
    public List<UpdateMessage> update(Map<IpPrefix, RouteAttributes> desired, SessionContext session) {
        Objects.requireNonNull(desired, "desired");
        List<IpPrefix> withdrawn = new ArrayList<>();
        for (IpPrefix prefix : advertised.keySet()) {
            if (!desired.containsKey(prefix)) {
                withdrawn.add(prefix);
            }
        }
        SortedMap<IpPrefix, RouteAttributes> changed = new TreeMap<>(AdjRibOut::compare);
        desired.forEach((prefix, attributes) -> {
            if (!attributes.equals(advertised.get(prefix))) {
                changed.put(prefix, attributes);
            }
        });
        List<UpdateMessage> out = new ArrayList<>(UpdatePacker.withdrawals(withdrawn, session));
        out.addAll(UpdatePacker.announcements(changed, session));
        advertised.clear();
        advertised.putAll(desired);
        return out;
    }

    /**
     * What a newly established session gets: every route of {@code desired}, then End-of-RIB for each negotiated
     * family (RFC 4724 §4). The peer starts empty, so nothing is withdrawn.
     */
    public List<UpdateMessage> initial(Map<IpPrefix, RouteAttributes> desired, SessionContext session) {
        advertised.clear();
        List<UpdateMessage> out = new ArrayList<>(update(desired, session));
        out.addAll(UpdatePacker.endOfRib(session));
        return out;
    }

    /** Everything advertised, again (a ROUTE-REFRESH, RFC 2918), without changing the RIB. */
    public List<UpdateMessage> refresh(SessionContext session) {
        return UpdatePacker.announcements(advertised, session);
    }

    /** The session went down: the peer forgot every route. */
    public void clear() {
        advertised.clear();
    }

    /** The routes the peer has been sent (an unmodifiable view). */
    public SortedMap<IpPrefix, RouteAttributes> advertised() {
        return Collections.unmodifiableSortedMap(advertised);
    }
}
