package io.barelb.announcer.bgp.rib;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpMessage;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.LargeCommunity;
import io.barelb.announcer.bgp.wire.PathAttribute;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AdjRibOutTest {

    private static final List<AddressFamily> BOTH = List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
    static final SessionContext EBGP = new SessionContext(64512, false, Optional.of(IpAddress.parse("192.0.2.1")),
            Optional.of(IpAddress.parse("2001:db8::1")), BOTH, CodecOptions.FOUR_OCTET_AS);
    static final SessionContext IBGP = new SessionContext(64512, true, Optional.of(IpAddress.parse("192.0.2.1")),
            Optional.of(IpAddress.parse("2001:db8::1")), BOTH, CodecOptions.FOUR_OCTET_AS);
    private static final RouteAttributes GOLD = new RouteAttributes(Optional.of(200L),
            List.of(new Community(64512, 7)), List.of(new LargeCommunity(64512, 1, 2)));

    private final AdjRibOut rib = new AdjRibOut();

    private static IpPrefix p(String text) {
        return IpPrefix.parse(text);
    }

    private static Map<IpPrefix, RouteAttributes> routes(Object... pairs) {
        Map<IpPrefix, RouteAttributes> map = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            map.put(p((String) pairs[i]), (RouteAttributes) pairs[i + 1]);
        }
        return map;
    }

    @Test
    void theInitialTableIsEveryRouteThenEndOfRibPerFamily() {
        List<UpdateMessage> updates = rib.initial(routes("203.0.113.10/32", RouteAttributes.PLAIN,
                "2001:db8:1::10/128", RouteAttributes.PLAIN), EBGP);
        assertEquals(4, updates.size());
        assertEquals(List.of(p("203.0.113.10/32")), updates.get(0).nlri());
        assertEquals(List.of(p("2001:db8:1::10/128")),
                updates.get(1).attribute(PathAttribute.MpReachNlri.class).orElseThrow().nlri());
        assertEquals(List.of(IpAddress.parse("2001:db8::1")),
                updates.get(1).attribute(PathAttribute.MpReachNlri.class).orElseThrow().nextHops());
        assertEquals(Optional.of(AddressFamily.IPV4_UNICAST), updates.get(2).endOfRibFamily());
        assertEquals(Optional.of(AddressFamily.IPV6_UNICAST), updates.get(3).endOfRibFamily());
    }

    @Test
    void ebgpPrependsOurAsAndSendsNoLocalPref() {
        UpdateMessage update = rib.update(routes("203.0.113.10/32", GOLD), EBGP).get(0);
        assertEquals(new PathAttribute.AsPath(List.of(PathAttribute.Segment.sequence(64512L))),
                update.attribute(PathAttribute.AsPath.class).orElseThrow());
        assertTrue(update.attribute(PathAttribute.LocalPref.class).isEmpty());
        assertEquals(new PathAttribute.NextHop(IpAddress.parse("192.0.2.1")),
                update.attribute(PathAttribute.NextHop.class).orElseThrow());
        assertEquals(List.of(new Community(64512, 7)),
                update.attribute(PathAttribute.Communities.class).orElseThrow().communities());
        assertEquals(List.of(new LargeCommunity(64512, 1, 2)),
                update.attribute(PathAttribute.LargeCommunities.class).orElseThrow().communities());
    }

    @Test
    void ibgpSendsAnEmptyAsPathAndLocalPrefWithItsDefault() {
        List<UpdateMessage> updates = rib.update(routes("203.0.113.10/32", GOLD,
                "203.0.113.11/32", RouteAttributes.PLAIN), IBGP);
        assertEquals(2, updates.size(), "different attributes, different UPDATEs");
        assertEquals(PathAttribute.AsPath.EMPTY, updates.get(0).attribute(PathAttribute.AsPath.class).orElseThrow());
        assertEquals(new PathAttribute.LocalPref(200), updates.get(0).attribute(PathAttribute.LocalPref.class).orElseThrow());
        assertEquals(new PathAttribute.LocalPref(UpdatePacker.DEFAULT_LOCAL_PREF),
                updates.get(1).attribute(PathAttribute.LocalPref.class).orElseThrow());
    }

    @Test
    void onlyTheDifferenceIsSentAndWithdrawalsComeFirst() {
        rib.update(routes("203.0.113.10/32", RouteAttributes.PLAIN, "203.0.113.11/32", RouteAttributes.PLAIN,
                "2001:db8:1::10/128", RouteAttributes.PLAIN), EBGP);
        List<UpdateMessage> updates = rib.update(routes("203.0.113.11/32", GOLD, "203.0.113.12/32",
                RouteAttributes.PLAIN), EBGP);
        assertEquals(4, updates.size());
        assertEquals(List.of(p("203.0.113.10/32")), updates.get(0).withdrawn());
        assertEquals(List.of(p("2001:db8:1::10/128")),
                updates.get(1).attribute(PathAttribute.MpUnreachNlri.class).orElseThrow().withdrawn());
        assertEquals(List.of(p("203.0.113.11/32")), updates.get(2).nlri(), "changed attributes are re-announced");
        assertEquals(List.of(p("203.0.113.12/32")), updates.get(3).nlri());
        assertTrue(rib.update(routes("203.0.113.11/32", GOLD, "203.0.113.12/32", RouteAttributes.PLAIN), EBGP)
                .isEmpty(), "the same desired set twice sends nothing");
    }

    @Test
    void prefixesSharingAttributesArePackedIntoFullUpdates() {
        for (String family : new String[] {"v4", "v6"}) {
            Map<IpPrefix, RouteAttributes> many = new HashMap<>();
            for (int i = 0; i < 5000; i++) {
                String text = family.equals("v4") ? "10." + (i >> 8) + "." + (i & 0xFF) + ".0/32"
                        : "2001:db8:1::" + Integer.toHexString(i) + "/128";
                many.put(IpPrefix.host(IpPrefix.parse(text).network()), GOLD);
            }
            AdjRibOut fresh = new AdjRibOut();
            List<UpdateMessage> updates = fresh.update(many, IBGP);
            int total = 0;
            for (int i = 0; i < updates.size(); i++) {
                int length = BgpMessageCodec.encode(updates.get(i), CodecOptions.FOUR_OCTET_AS).length;
                assertTrue(length <= BgpMessage.MAX_LENGTH, family + " message " + i + " has " + length);
                int prefixSize = family.equals("v4") ? 5 : 17;
                if (i < updates.size() - 1) {
                    assertTrue(length > BgpMessage.MAX_LENGTH - prefixSize - 1, family + " message " + i
                            + " is not full: " + length);
                }
                total += updates.get(i).reachableCount();
            }
            assertEquals(5000, total, family);
            Map<IpPrefix, RouteAttributes> none = Map.of();
            List<UpdateMessage> withdrawals = fresh.update(none, IBGP);
            assertEquals(5000, withdrawals.stream().mapToInt(UpdateMessage::withdrawnCount).sum(), family);
            for (UpdateMessage withdrawal : withdrawals) {
                assertTrue(BgpMessageCodec.encode(withdrawal, CodecOptions.FOUR_OCTET_AS).length <= BgpMessage.MAX_LENGTH);
            }
        }
    }

    @Test
    void familiesTheSessionCannotCarryAreNotSent() {
        SessionContext v4Only = new SessionContext(64512, false, Optional.of(IpAddress.parse("192.0.2.1")),
                Optional.empty(), BOTH, CodecOptions.FOUR_OCTET_AS);
        List<UpdateMessage> updates = rib.update(routes("203.0.113.10/32", RouteAttributes.PLAIN,
                "2001:db8:1::10/128", RouteAttributes.PLAIN), v4Only);
        assertEquals(1, updates.size(), "no IPv6 next hop: no IPv6 route");
        assertEquals(List.of(p("203.0.113.10/32")), updates.get(0).nlri());
    }

    @Test
    void refreshResendsEverythingAndClearForgetsIt() {
        rib.update(routes("203.0.113.10/32", RouteAttributes.PLAIN), EBGP);
        assertEquals(List.of(p("203.0.113.10/32")), rib.refresh(EBGP).get(0).nlri());
        rib.clear();
        assertTrue(rib.advertised().isEmpty());
        assertTrue(rib.update(Map.of(), EBGP).isEmpty(), "nothing to withdraw after the session went down");
    }

    @Test
    void updatesRoundTripThroughTheCodec() throws Exception {
        for (UpdateMessage update : rib.initial(routes("203.0.113.10/32", GOLD, "2001:db8:1::10/128", GOLD), IBGP)) {
            byte[] bytes = BgpMessageCodec.encode(update, CodecOptions.FOUR_OCTET_AS);
            assertEquals(update, BgpMessageCodec.decode(bytes, CodecOptions.FOUR_OCTET_AS));
        }
    }
}
