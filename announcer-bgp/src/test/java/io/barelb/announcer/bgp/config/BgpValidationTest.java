package io.barelb.announcer.bgp.config;

import static io.barelb.announcer.bgp.config.Resources.ad;
import static io.barelb.announcer.bgp.config.Resources.aliases;
import static io.barelb.announcer.bgp.config.Resources.bfd;
import static io.barelb.announcer.bgp.config.Resources.map;
import static io.barelb.announcer.bgp.config.Resources.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The BGP validation table: each case is resources and every problem expected, exactly and in order. The first
 * cases are the runtime's {@code config/cases/cr-47..77} ported; the rest prove the rules of the audit against
 * MetalLB ({@code docs/configuration.md}); each case's name is the one the audit table cites.
 */
class BgpValidationTest {

    record Case(String name, List<ConfigResource> resources, List<String> expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    private static Case valid(String name, ConfigResource... resources) {
        return new Case(name, List.of(resources), List.of());
    }

    private static Case invalid(String name, List<ConfigResource> resources, String... expected) {
        return new Case(name, resources, List.of(expected));
    }

    private static ConfigResource router(Object... more) {
        List<Object> kv = new ArrayList<>(List.of("myASN", 64500, "peerASN", 64501, "peerAddress", "192.0.2.1"));
        Collections.addAll(kv, more);
        return peer("router", kv.toArray());
    }

    static Stream<Case> cases() {
        return Stream.of(
                // ported from lb-runtime config/cases
                valid("cr-47-bgp-peer-v1beta2-full", peer("router", "myASN", 4200000000L, "peerASN", 64501,
                        "peerAddress", "192.0.2.1", "sourceAddress", "192.0.2.2", "peerPort", 179, "holdTime", "1m30s",
                        "keepaliveTime", "30s", "connectTime", "10s", "routerID", "192.0.2.2", "ebgpMultiHop", true,
                        "passwordSecret", map("name", "bgp-auth", "namespace", "metallb-system"), "bfdProfile", "fast",
                        "vrf", "red"), bfd("fast", "receiveInterval", 100, "transmitInterval", 100,
                        "detectMultiplier", 3, "echoMode", false, "minimumTtl", 254)),
                invalid("cr-48-hold-time-one-second", List.of(router("holdTime", "1s")),
                        "BGPPeer \"router\": spec.holdTime \"1s\": must be 0 (no keepalives) or at least 3s (RFC 4271 section 4.2)"),
                invalid("cr-50-router-id-ipv6", List.of(peer("router", "myASN", 64500, "peerASN", 64501,
                                "peerAddress", "2001:db8::1", "routerID", "2001:db8::2")),
                        "BGPPeer \"router\": spec.routerID \"2001:db8::2\": must be an IPv4 address in dotted-quad form, e.g. 192.0.2.1"),
                invalid("cr-51-password-and-secret", List.of(router("password", "hunter2",
                                "passwordSecret", map("name", "bgp-auth"))),
                        "BGPPeer \"router\": spec.passwordSecret: password and passwordSecret are both set; set only one"),
                invalid("cr-52-peer-asn-and-dynamic-asn", List.of(router("dynamicASN", "external")),
                        "BGPPeer \"router\": spec.dynamicASN \"external\": peerASN and dynamicASN are both set; set only one"),
                invalid("cr-53-my-asn-out-of-range", List.of(peer("router", "myASN", 4294967296L, "peerASN", 64501,
                                "peerAddress", "192.0.2.1")),
                        "BGPPeer \"router\": spec.myASN \"4294967296\": must be between 0 and 4294967295"),
                invalid("cr-54-peer-port-zero", List.of(router("peerPort", 0)),
                        "BGPPeer \"router\": spec.peerPort \"0\": must be between 1 and 16384"),
                invalid("cr-55-identical-peers", List.of(peer("router-a", "myASN", 64500, "peerASN", 64501,
                                "peerAddress", "192.0.2.1"), peer("router-b", "myASN", 64500, "peerASN", 64502,
                                "peerAddress", "192.0.2.1")),
                        "BGPPeer \"router-b\": spec.peerAddress \"192.0.2.1\": same peer as BGPPeer \"router-a\" (address and VRF); remove one"),
                invalid("cr-56-hold-time-not-a-duration", List.of(router("holdTime", "ninety", "connectTime", "1500ms")),
                        "BGPPeer \"router\": spec.holdTime \"ninety\": is not a duration; write it like 90s or 1m30s",
                        "BGPPeer \"router\": spec.connectTime \"1500ms\": must be a whole number of seconds"),
                invalid("cr-57-peer-address-not-ip", List.of(peer("router", "myASN", 64500, "peerASN", 64501,
                                "peerAddress", "router.example")),
                        "BGPPeer \"router\": spec.peerAddress \"router.example\": is not an IPv4 or IPv6 address"),
                invalid("cr-58-peer-without-address-or-interface", List.of(peer("router", "myASN", 64500,
                                "dynamicASN", "internal")),
                        "BGPPeer \"router\": spec.peerAddress: is required (or set interface for an unnumbered session)"),
                invalid("cr-60-aggregation-length-out-of-range", List.of(ad("ad", "aggregationLength", 33)),
                        "BGPAdvertisement \"ad\": spec.aggregationLength \"33\": must be between 1 and 32"),
                invalid("cr-61-duplicate-community-in-advertisement", List.of(ad("ad", "communities",
                                List.of("64500:1", "64500:1"))),
                        "BGPAdvertisement \"ad\": spec.communities[1] \"64500:1\": duplicate community in this advertisement"),
                invalid("cr-62-duplicate-community-alias", List.of(aliases("first", "no-export", "65535:65281"),
                                aliases("second", "no-export", "65535:65281")),
                        "Community \"second\": spec.communities[0].name \"no-export\": duplicate community alias, already defined in Community \"first\""),
                invalid("cr-63-bad-large-community", List.of(aliases("communities", "big", "large:64500:1",
                                "fine", "large:4200000000:1:2")),
                        "Community \"communities\": spec.communities[0].value \"large:64500:1\": is not a community: write A:B or large:A:B:C"),
                invalid("cr-64-bfd-interval-too-small", List.of(bfd("fast", "receiveInterval", 5,
                                "transmitInterval", 60001, "echoInterval", 50)),
                        "BFDProfile \"fast\": spec.receiveInterval \"5\": must be between 10 and 60000",
                        "BFDProfile \"fast\": spec.transmitInterval \"60001\": must be between 10 and 60000"),
                invalid("cr-65-service-selectors-need-host-routes", List.of(ad("ad", "aggregationLength", 24,
                                "serviceSelectors", Resources.labels("app", "web"))),
                        "BGPAdvertisement \"ad\": spec.serviceSelectors: can only be used with aggregationLength 32 and aggregationLengthV6 128"),
                valid("cr-77-bgp-full-valid", aliases("aliases", "no-export", "65535:65281"),
                        ad("aggregated", "ipAddressPoolSelectors", Resources.labels("proto", "bgp"),
                                "aggregationLength", 24, "aggregationLengthV6", 64, "localPref", 200,
                                "communities", List.of("no-export", "large:64500:1:2"), "peers", List.of("router")),
                        peer("router", "myASN", 64500, "peerASN", 64501, "peerAddress", "198.51.100.254")),
                invalid("legacy-19-bfd-profile-bad-multiplier", List.of(bfd("fast", "detectMultiplier", 1)),
                        "BFDProfile \"fast\": spec.detectMultiplier \"1\": must be between 2 and 255"),
                invalid("legacy-20-missing-bfd-profile", List.of(router("bfdProfile", "missing")),
                        "BGPPeer \"router\": spec.bfdProfile \"missing\": no BFDProfile has this name; create it or remove the reference"),

                // the audit against MetalLB
                valid("keepalive-equal-to-hold-is-valid", router("holdTime", "30s", "keepaliveTime", "30s")),
                invalid("keepalive-longer-than-hold", List.of(router("holdTime", "30s", "keepaliveTime", "31s")),
                        "BGPPeer \"router\": spec.keepaliveTime \"31s\": must not be longer than the hold time 30s; a third of it is usual"),
                invalid("keepalive-with-hold-zero", List.of(router("holdTime", "0s", "keepaliveTime", "10s")),
                        "BGPPeer \"router\": spec.keepaliveTime \"10s\": must not be longer than the hold time 0s; a third of it is usual"),
                invalid("keepalive-alone-gives-short-hold", List.of(router("keepaliveTime", "500ms")),
                        "BGPPeer \"router\": spec.keepaliveTime \"500ms\": gives a hold time of 1s (three keepalives), below the 3s minimum; set at least 1s"),
                valid("hold-time-fraction-is-truncated", router("holdTime", "3500ms")),
                invalid("hold-time-fraction-below-three", List.of(router("holdTime", "2900ms")),
                        "BGPPeer \"router\": spec.holdTime \"2900ms\": must be 0 (no keepalives) or at least 3s (RFC 4271 section 4.2)"),
                invalid("connect-time-range", List.of(router("connectTime", "0s"), peer("other", "myASN", 64500,
                                "peerASN", 64501, "peerAddress", "192.0.2.9", "connectTime", "65536s")),
                        "BGPPeer \"router\": spec.connectTime \"0s\": must be between 1s and 65535s",
                        "BGPPeer \"other\": spec.connectTime \"65536s\": must be between 1s and 65535s"),
                invalid("peer-port-above-16384", List.of(router("peerPort", 16385)),
                        "BGPPeer \"router\": spec.peerPort \"16385\": must be between 1 and 16384"),
                invalid("my-asn-zero-is-missing", List.of(peer("router", "myASN", 0, "peerASN", 64501,
                                "peerAddress", "192.0.2.1")),
                        "BGPPeer \"router\": spec.myASN \"0\": is required: this side's AS number, 1 to 4294967295"),
                invalid("peer-asn-zero-is-missing", List.of(peer("router", "myASN", 64500, "peerASN", 0,
                                "peerAddress", "192.0.2.1")),
                        "BGPPeer \"router\": spec.peerASN \"0\": is required: the peer's AS number, 1 to 4294967295 (or set dynamicASN to internal or external)"),
                valid("peer-asn-zero-with-dynamic-asn", peer("router", "myASN", 64500, "peerASN", 0,
                        "dynamicASN", "external", "peerAddress", "192.0.2.1")),
                invalid("dynamic-asn-enum", List.of(peer("router", "myASN", 64500, "dynamicASN", "any",
                                "peerAddress", "192.0.2.1")),
                        "BGPPeer \"router\": spec.dynamicASN \"any\": must be internal or external"),
                invalid("ebgp-multihop-on-ibgp-peer", List.of(peer("router", "myASN", 64500, "peerASN", 64500,
                                "peerAddress", "192.0.2.1", "ebgpMultiHop", true)),
                        "BGPPeer \"router\": spec.ebgpMultiHop \"true\": is for eBGP peers, but peerASN equals myASN (iBGP); remove it"),
                invalid("address-and-interface", List.of(router("interface", "eth0")),
                        "BGPPeer \"router\": spec.interface \"eth0\": peerAddress and interface are both set; set only one"),
                valid("unnumbered-peer", peer("router", "myASN", 64500, "dynamicASN", "external", "interface", "eth0")),
                invalid("line-breaks", List.of(router("password", "a\nb", "vrf", "red\r")),
                        "BGPPeer \"router\": spec.password: contains a line break; remove it",
                        "BGPPeer \"router\": spec.vrf: contains a line break; remove it"),
                valid("password-secret-without-name-is-unset", router("passwordSecret", map("namespace", "x"))),
                valid("empty-password-secret-with-password", router("password", "hunter2", "passwordSecret", map())),
                invalid("same-address-other-port-and-nodes", List.of(router(), peer("router-b", "myASN", 64500,
                                "peerASN", 64501, "peerAddress", "192.0.2.1", "peerPort", 1179,
                                "nodeSelectors", Resources.labels("rack", "a"))),
                        "BGPPeer \"router-b\": spec.peerAddress \"192.0.2.1\": same peer as BGPPeer \"router\" (address and VRF); remove one"),
                valid("same-address-other-vrf", router(), peer("router-red", "myASN", 64500, "peerASN", 64501,
                        "peerAddress", "192.0.2.1", "vrf", "red")),
                invalid("router-id-differs", List.of(router("routerID", "192.0.2.10"), peer("b", "myASN", 64500,
                                "peerASN", 64501, "peerAddress", "192.0.2.2")),
                        "BGPPeer \"b\": spec.routerID: differs from routerID \"192.0.2.10\" of BGPPeer \"router\"; every BGPPeer must have the same routerID"),
                invalid("my-asn-differs-in-vrf", List.of(router(), peer("b", "myASN", 64510, "peerASN", 64501,
                                "peerAddress", "192.0.2.2")),
                        "BGPPeer \"b\": spec.myASN \"64510\": differs from myASN 64500 of BGPPeer \"router\"; peers in the same VRF must have the same myASN"),
                valid("my-asn-differs-across-vrfs", router(), peer("b", "myASN", 64510, "peerASN", 64501,
                        "peerAddress", "192.0.2.2", "vrf", "red")),
                invalid("duplicate-node-selector", List.of(router("nodeSelectors", List.of(
                                map("matchLabels", map("rack", "a")), map("matchLabels", map("rack", "a"))))),
                        "BGPPeer \"router\": spec.nodeSelectors[1] \"rack=a\": duplicate selector in this list; remove one"),
                valid("same-expressions-in-another-order-are-distinct", router("nodeSelectors", List.of(
                        map("matchExpressions", List.of(map("key", "a", "operator", "Exists"),
                                map("key", "b", "operator", "Exists"))),
                        map("matchExpressions", List.of(map("key", "b", "operator", "Exists"),
                                map("key", "a", "operator", "Exists")))))),
                invalid("same-values-in-another-order-are-duplicates", List.of(router("nodeSelectors", List.of(
                                map("matchExpressions", List.of(map("key", "rack", "operator", "In", "values", List.of("a", "b")))),
                                map("matchExpressions", List.of(map("key", "rack", "operator", "In", "values", List.of("b", "a"))))))),
                        "BGPPeer \"router\": spec.nodeSelectors[1] \"rack in (b,a)\": duplicate selector in this list; remove one"),
                invalid("selector-value-twice", List.of(ad("ad", "nodeSelectors", List.of(map("matchExpressions",
                                List.of(map("key", "rack", "operator", "In", "values", List.of("a", "a"))))))),
                        "BGPAdvertisement \"ad\": spec.nodeSelectors[0].matchExpressions[0].values \"a,a\": lists a value twice; remove the duplicate"),
                invalid("selector-bad-operator", List.of(ad("ad", "serviceSelectors", List.of(map("matchExpressions",
                                List.of(map("key", "app", "operator", "Equals", "values", List.of("a"))))))),
                        "BGPAdvertisement \"ad\": spec.serviceSelectors[0].matchExpressions[0].operator \"Equals\": must be In, NotIn, Exists or DoesNotExist"),
                invalid("bfd-ranges", List.of(bfd("p", "echoInterval", 9, "minimumTtl", 255, "detectMultiplier", 256)),
                        "BFDProfile \"p\": spec.detectMultiplier \"256\": must be between 2 and 255",
                        "BFDProfile \"p\": spec.echoInterval \"9\": must be between 10 and 60000",
                        "BFDProfile \"p\": spec.minimumTtl \"255\": must be between 1 and 254"),
                invalid("bfd-echo-mode-boolean", List.of(bfd("p", "echoMode", "yes")),
                        "BFDProfile \"p\": spec.echoMode \"yes\": must be true or false"),
                invalid("bfd-echo-mode-not-supported", List.of(bfd("p", "echoMode", true), bfd("q", "echoMode", false)),
                        "BFDProfile \"p\": spec.echoMode \"true\": the BFD Echo function is not supported (control packets only, RFC 5880 asynchronous mode); remove echoMode or set it to false"),
                invalid("bfd-duplicate-name", List.of(bfd("p"), bfd("p")),
                        "BFDProfile \"p\": metadata.name \"p\": duplicate BFDProfile name"),
                valid("well-known-community-names", ad("ad", "communities", List.of("no-advertise", "no-export",
                        "no-peer", "blackhole", "graceful-shutdown"))),
                invalid("unknown-community-alias", List.of(ad("ad", "communities", List.of("customers"))),
                        "BGPAdvertisement \"ad\": spec.communities[0] \"customers\": is neither A:B, large:A:B:C, a well-known name (blackhole, graceful-shutdown, local-AS, no-advertise, no-export, no-export-subconfed, no-peer) nor an alias defined in a Community resource"),
                invalid("three-part-community-is-an-alias", List.of(ad("ad", "communities", List.of("large:1:2"))),
                        "BGPAdvertisement \"ad\": spec.communities[0] \"large:1:2\": is neither A:B, large:A:B:C, a well-known name (blackhole, graceful-shutdown, local-AS, no-advertise, no-export, no-export-subconfed, no-peer) nor an alias defined in a Community resource"),
                invalid("community-bad-values", List.of(ad("ad", "communities", List.of("65536:1", "big:1:2:3",
                                "large:1:2:4294967296"))),
                        "BGPAdvertisement \"ad\": spec.communities[0] \"65536:1\": is not a community: write A:B with each part 0 to 65535, or large:A:B:C",
                        "BGPAdvertisement \"ad\": spec.communities[1] \"big:1:2:3\": is not a large community: write large:A:B:C",
                        "BGPAdvertisement \"ad\": spec.communities[2] \"large:1:2:4294967296\": is not a large community: write large:A:B:C with each part 0 to 4294967295"),
                invalid("alias-without-name", List.of(Resources.of("Community", "c", "communities",
                                List.of(map("value", "64500:1")))),
                        "Community \"c\": spec.communities[0].name: is required: the alias advertisements refer to"),
                valid("alias-wins-over-value-shape", aliases("c", "64500:1", "65535:65281"),
                        ad("ad", "communities", List.of("64500:1"))),
                invalid("too-many-communities", List.of(ad("ad", "communities", java.util.stream.IntStream.range(0, 64)
                                .mapToObj(i -> "64500:" + i).toList())),
                        "BGPAdvertisement \"ad\": spec.communities \"64\": are too many: FRR takes at most 63 per advertisement"),
                valid("unknown-peer-name-is-accepted", ad("ad", "peers", List.of("not-yet-created"))),
                invalid("peers-and-pools-listed-twice", List.of(ad("ad", "peers", List.of("a", "a"),
                                "ipAddressPools", List.of("p", "p"))),
                        "BGPAdvertisement \"ad\": spec.peers[1] \"a\": is listed twice; remove one",
                        "BGPAdvertisement \"ad\": spec.ipAddressPools[1] \"p\": is listed twice; remove one"),
                valid("aggregation-length-v6-zero", ad("ad", "aggregationLengthV6", 0)),
                invalid("aggregation-length-v6-above-128", List.of(ad("ad", "aggregationLengthV6", 129)),
                        "BGPAdvertisement \"ad\": spec.aggregationLengthV6 \"129\": must be between 0 and 128"),
                invalid("aggregation-length-zero", List.of(ad("ad", "aggregationLength", 0)),
                        "BGPAdvertisement \"ad\": spec.aggregationLength \"0\": must be between 1 and 32"),
                valid("service-selectors-with-host-routes", ad("ad", "aggregationLength", 32,
                        "aggregationLengthV6", 128, "serviceSelectors", Resources.labels("app", "web"))),
                invalid("local-pref-range", List.of(ad("ad", "localPref", 4294967296L)),
                        "BGPAdvertisement \"ad\": spec.localPref \"4294967296\": must be between 0 and 4294967295"),
                invalid("unknown-field", List.of(ad("ad", "aggregationLenght", 24)),
                        "BGPAdvertisement \"ad\": spec.aggregationLenght: unknown field; the fields are aggregationLength, aggregationLengthV6, communities, ipAddressPoolSelectors, ipAddressPools, localPref, nodeSelectors, peers, serviceSelectors"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void problemsAreExactlyAsExpected(Case c) {
        assertThat(BgpValidation.validate(c.resources()).stream().map(ConfigProblem::message).toList())
                .containsExactlyElementsOf(c.expected());
    }

    @Test
    void theTableCoversEveryKindWithValidAndInvalidCases() {
        List<Case> all = cases().toList();
        assertThat(all).hasSizeGreaterThan(60);
        assertThat(all.stream().filter(c -> c.expected().isEmpty()).count()).isGreaterThanOrEqualTo(10);
        for (String kind : BgpValidation.KINDS) {
            assertThat(all).anyMatch(c -> c.resources().stream().anyMatch(r -> r.kind().equals(kind)));
        }
    }

    @Test
    void otherKindsAreIgnored() {
        assertThat(BgpValidation.validate(List.of(Resources.of("IPAddressPool", "p", "bogus", 1)))).isEmpty();
    }
}
