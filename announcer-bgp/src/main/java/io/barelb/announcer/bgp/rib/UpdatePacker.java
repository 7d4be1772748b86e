package io.barelb.announcer.bgp.rib;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.PathAttribute;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpPrefix;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.Function;

/**
 * Turns routes into UPDATEs (RFC 4271 §4.3, RFC 4760): prefixes that share attributes and family go into one
 * UPDATE until it is full (4096 octets), IPv4 in the NLRI / Withdrawn Routes fields, IPv6 in MP_REACH_NLRI /
 * MP_UNREACH_NLRI. Pure and stateless.
 */
public final class UpdatePacker {

    /** LOCAL_PREF sent to iBGP peers when the route sets none (FRR's and BIRD's default). */
    public static final long DEFAULT_LOCAL_PREF = 100;

    private UpdatePacker() {
    }

    /** Withdrawals for {@code prefixes} of the families the session sends, packed full. */
    public static List<UpdateMessage> withdrawals(List<IpPrefix> prefixes, SessionContext session) {
        List<UpdateMessage> out = new ArrayList<>();
        List<IpPrefix> v4 = ofFamily(prefixes, AddressFamily.IPV4_UNICAST, session);
        List<IpPrefix> v6 = ofFamily(prefixes, AddressFamily.IPV6_UNICAST, session);
        out.addAll(pack(v4, session, chunk -> new UpdateMessage(chunk, List.of(), List.of())));
        out.addAll(pack(v6, session, chunk -> new UpdateMessage(List.of(),
                List.of(new PathAttribute.MpUnreachNlri(AddressFamily.IPV6_UNICAST, chunk)), List.of())));
        return out;
    }

    /** Announcements of {@code routes} (in prefix order), grouped by attributes and family, packed full. */
    public static List<UpdateMessage> announcements(SortedMap<IpPrefix, RouteAttributes> routes,
            SessionContext session) {
        Map<Group, List<IpPrefix>> groups = new LinkedHashMap<>();
        routes.forEach((prefix, attributes) -> {
            AddressFamily family = SessionContext.familyOf(prefix.network());
            if (session.sends(family)) {
                groups.computeIfAbsent(new Group(family, attributes), g -> new ArrayList<>()).add(prefix);
            }
        });
        List<UpdateMessage> out = new ArrayList<>();
        groups.forEach((group, prefixes) -> {
            List<PathAttribute> common = pathAttributes(group.attributes(), group.family(), session);
            if (group.family().equals(AddressFamily.IPV4_UNICAST)) {
                out.addAll(pack(prefixes, session, chunk -> new UpdateMessage(List.of(), common, chunk)));
            } else {
                out.addAll(pack(prefixes, session, chunk -> {
                    List<PathAttribute> attributes = new ArrayList<>(common);
                    attributes.add(new PathAttribute.MpReachNlri(AddressFamily.IPV6_UNICAST,
                            List.of(session.nextHopV6().orElseThrow()), chunk));
                    return new UpdateMessage(List.of(), attributes, List.of());
                }));
            }
        });
        return out;
    }

    /** The End-of-RIB markers (RFC 4724 §2) of the families the session negotiated. */
    public static List<UpdateMessage> endOfRib(SessionContext session) {
        return session.families().stream().map(UpdateMessage::endOfRib).toList();
    }

    /** ORIGIN, AS_PATH, NEXT_HOP (IPv4), LOCAL_PREF (iBGP), COMMUNITIES and LARGE_COMMUNITY, in type order. */
    static List<PathAttribute> pathAttributes(RouteAttributes route, AddressFamily family, SessionContext session) {
        List<PathAttribute> attributes = new ArrayList<>();
        attributes.add(PathAttribute.Origin.IGP);
        attributes.add(session.internal() ? PathAttribute.AsPath.EMPTY
                : new PathAttribute.AsPath(List.of(PathAttribute.Segment.sequence(session.localAsn()))));
        if (family.equals(AddressFamily.IPV4_UNICAST)) {
            attributes.add(new PathAttribute.NextHop(session.nextHopV4().orElseThrow()));
        }
        if (session.internal()) {
            attributes.add(new PathAttribute.LocalPref(route.localPref().orElse(DEFAULT_LOCAL_PREF)));
        }
        if (!route.communities().isEmpty()) {
            attributes.add(new PathAttribute.Communities(route.communities()));
        }
        if (!route.largeCommunities().isEmpty()) {
            attributes.add(new PathAttribute.LargeCommunities(route.largeCommunities()));
        }
        return attributes;
    }

    /**
     * Splits {@code prefixes} into messages built by {@code build}, each at most 4096 octets: the size of the
     * message without prefixes is measured once, then each prefix adds its encoded length (one octet of length
     * and the significant octets). One octet is kept spare for the Extended Length flag of an MP attribute.
     */
    private static List<UpdateMessage> pack(List<IpPrefix> prefixes, SessionContext session,
            Function<List<IpPrefix>, UpdateMessage> build) {
        if (prefixes.isEmpty()) {
            return List.of();
        }
        int base = BgpMessageCodec.encode(build.apply(List.of()), session.options()).length;
        int budget = BgpMessage.MAX_LENGTH - base - 1;
        List<UpdateMessage> out = new ArrayList<>();
        List<IpPrefix> chunk = new ArrayList<>();
        int used = 0;
        for (IpPrefix prefix : prefixes) {
            int size = 1 + (prefix.length() + 7) / 8;
            if (used + size > budget) {
                out.add(build.apply(chunk));
                chunk = new ArrayList<>();
                used = 0;
            }
            chunk.add(prefix);
            used += size;
        }
        out.add(build.apply(chunk));
        return out;
    }

    private static List<IpPrefix> ofFamily(List<IpPrefix> prefixes, AddressFamily family, SessionContext session) {
        if (!session.sends(family)) {
            return List.of();
        }
        return prefixes.stream().filter(p -> SessionContext.familyOf(p.network()).equals(family)).toList();
    }

    private record Group(AddressFamily family, RouteAttributes attributes) {
    }
}
