package io.barelb.announcer.bgp.config;

import io.barelb.api.config.Durations;
import io.barelb.api.select.LabelSelectors;
import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for {@code BGPPeer}, the union of the v1beta1 and v1beta2 fields, as MetalLB's {@code peerFromCR}
 * ({@code internal/config/config.go}), the v1beta2 CRD markers, and FRR mode's {@code DiscardNativeOnly}
 * ({@code internal/config/validation.go}) judge them. Each rule names its source in {@code docs/configuration.md}.
 */
final class PeerRules {

    static final String KIND = "BGPPeer";
    static final Set<String> FIELDS = Set.of("myASN", "peerASN", "dynamicASN", "localASN", "peerAddress", "interface",
            "sourceAddress", "peerPort", "holdTime", "keepaliveTime", "connectTime", "routerID", "nodeSelectors",
            "password", "passwordSecret", "bfdProfile", "enableGracefulRestart", "ebgpMultiHop", "vrf", "disableMP",
            "dualStackAddressFamily");
    static final long MAX_ASN = 4_294_967_295L;

    private PeerRules() {
    }

    /** Checks every peer and the rules across peers; {@code bfdProfiles} are the profile names defined. */
    static void check(List<ConfigResource> peers, Set<String> bfdProfiles, Problems problems) {
        for (ConfigResource peer : peers) {
            checkOne(peer.spec(), bfdProfiles, problems);
        }
        acrossPeers(peers, problems);
    }

    private static void checkOne(ConfigView spec, Set<String> bfdProfiles, Problems problems) {
        problems.unknownKeys(spec, FIELDS);
        Optional<Long> myAsn = problems.integerIn(spec, "myASN", 0, MAX_ASN);
        if (myAsn.orElse(0L) == 0 && !problems.hasAt(spec, "myASN")) {
            problems.at(spec, "myASN", spec.string("myASN").orElse(""), "is required: this side's AS number, 1 to " + MAX_ASN);
        }
        long peerAsn = problems.integerIn(spec, "peerASN", 0, MAX_ASN).orElse(0L);
        problems.integerIn(spec, "localASN", 0, MAX_ASN);
        Optional<String> dynamic = problems.read(() -> spec.string("dynamicASN"));
        if (dynamic.isPresent() && !dynamic.get().equals("internal") && !dynamic.get().equals("external")) {
            problems.at(spec, "dynamicASN", dynamic.get(), "must be internal or external");
        }
        if (peerAsn != 0 && dynamic.isPresent()) {
            problems.at(spec, "dynamicASN", dynamic.get(), "peerASN and dynamicASN are both set; set only one");
        } else if (peerAsn == 0 && dynamic.isEmpty() && !problems.hasAt(spec, "peerASN")) {
            problems.at(spec, "peerASN", spec.string("peerASN").orElse(""),
                    "is required: the peer's AS number, 1 to " + MAX_ASN + " (or set dynamicASN to internal or external)");
        }
        boolean multiHop = problems.read(() -> spec.bool("ebgpMultiHop")).orElse(false);
        if (multiHop && peerAsn != 0 && myAsn.isPresent() && peerAsn == myAsn.get()) {
            problems.at(spec, "ebgpMultiHop", "true", "is for eBGP peers, but peerASN equals myASN (iBGP); remove it");
        }
        Optional<String> address = problems.read(() -> spec.string("peerAddress")).filter(a -> !a.isEmpty());
        Optional<String> iface = problems.read(() -> spec.string("interface")).filter(a -> !a.isEmpty());
        if (address.isPresent() && iface.isPresent()) {
            problems.at(spec, "interface", iface.get(), "peerAddress and interface are both set; set only one");
        } else if (address.isEmpty() && iface.isEmpty()) {
            problems.at(spec, "peerAddress", "", "is required (or set interface for an unnumbered session)");
        }
        address.ifPresent(a -> ipAddress(spec, "peerAddress", a, problems));
        problems.read(() -> spec.string("sourceAddress")).ifPresent(a -> ipAddress(spec, "sourceAddress", a, problems));
        problems.integerIn(spec, "peerPort", 1, 16384);
        timers(spec, problems);
        problems.read(() -> spec.string("routerID")).ifPresent(id -> {
            IpAddress parsed = IpAddress.tryParse(id);
            if (parsed == null || !parsed.isIpv4()) {
                problems.at(spec, "routerID", id, "must be an IPv4 address in dotted-quad form, e.g. 192.0.2.1");
            }
        });
        LabelSelectors.list(spec, "nodeSelectors", problems);
        Optional<String> password = problems.read(() -> spec.string("password")).filter(p -> !p.isEmpty());
        problems.read(() -> spec.child("passwordSecret")).ifPresent(secret -> {
            problems.unknownKeys(secret, Set.of("name", "namespace"));
            // MetalLB (peerFromCR) reads a reference without a name as no reference: Go clients write the empty
            // SecretReference as passwordSecret: {}, so refusing it would refuse objects MetalLB itself wrote
            boolean named = problems.read(() -> secret.string("name")).filter(n -> !n.isEmpty()).isPresent();
            if (named && password.isPresent()) {
                problems.at(spec, "passwordSecret", "", "password and passwordSecret are both set; set only one");
            }
        });
        for (String key : List.of("password", "interface", "vrf")) {
            problems.read(() -> spec.string(key)).filter(v -> v.contains("\n") || v.contains("\r"))
                    .ifPresent(v -> problems.at(spec, key, "", "contains a line break; remove it"));
        }
        problems.read(() -> spec.string("bfdProfile")).filter(p -> !p.isEmpty()).ifPresent(profile -> {
            if (!bfdProfiles.contains(profile)) {
                problems.at(spec, "bfdProfile", profile, "no BFDProfile has this name; create it or remove the reference");
            }
        });
        for (String flag : List.of("enableGracefulRestart", "disableMP", "dualStackAddressFamily")) {
            problems.read(() -> spec.bool(flag));
        }
    }

    /**
     * FRR mode's rules across peers: one router ID for all peers, one myASN per VRF, and no two peers with the same
     * address (or interface) in the same VRF.
     */
    private static void acrossPeers(List<ConfigResource> peers, Problems problems) {
        Map<String, String> byAddress = new HashMap<>();
        Map<String, ConfigResource> asnByVrf = new HashMap<>();
        ConfigResource first = peers.isEmpty() ? null : peers.get(0);
        for (ConfigResource peer : peers) {
            ConfigView spec = peer.spec();
            String routerId = text(spec, "routerID");
            if (first != null && peer != first && !routerId.equals(text(first.spec(), "routerID"))) {
                problems.add(spec.problemAt("routerID", routerId, "differs from routerID \"" + text(first.spec(), "routerID")
                        + "\" of BGPPeer \"" + first.name() + "\"; every BGPPeer must have the same routerID"));
            }
            String vrf = text(spec, "vrf");
            ConfigResource sameVrf = asnByVrf.putIfAbsent(vrf, peer);
            if (sameVrf != null && !text(spec, "myASN").equals(text(sameVrf.spec(), "myASN"))) {
                problems.add(spec.problemAt("myASN", text(spec, "myASN"), "differs from myASN " + text(sameVrf.spec(), "myASN")
                        + " of BGPPeer \"" + sameVrf.name() + "\"; peers in the same VRF must have the same myASN"));
            }
            String address = text(spec, "peerAddress").isEmpty() ? text(spec, "interface") : text(spec, "peerAddress");
            String earlier = byAddress.putIfAbsent(address + "|" + vrf, peer.name());
            if (earlier != null) {
                problems.add(new ConfigProblem(peer.kind(), peer.name(), spec.fieldPath("peerAddress"), address,
                        "same peer as BGPPeer \"" + earlier + "\" (address and VRF); remove one"));
            }
        }
    }

    private static String text(ConfigView spec, String key) {
        Object raw = spec.raw(key).orElse("");
        return raw instanceof String || raw instanceof Number || raw instanceof Boolean ? raw.toString() : "";
    }

    private static void ipAddress(ConfigView spec, String key, String value, Problems problems) {
        if (IpAddress.tryParse(value) == null) {
            problems.at(spec, key, value, "is not an IPv4 or IPv6 address");
        }
    }

    private static void timers(ConfigView spec, Problems problems) {
        Optional<Duration> hold = duration(spec, "holdTime", false, problems);
        Optional<Duration> keepalive = duration(spec, "keepaliveTime", false, problems);
        Optional<Duration> connect = duration(spec, "connectTime", true, problems);
        if (!problems.hasAt(spec, "holdTime") && !problems.hasAt(spec, "keepaliveTime")) {
            Timers.of(hold, keepalive).invalid().ifPresent(invalid ->
                    problems.at(spec, invalid.field(), spec.string(invalid.field()).orElse(""), invalid.reason()));
        }
        connect.ifPresent(c -> {
            if (c.getSeconds() < 1 || c.getSeconds() > 65535) {
                problems.at(spec, "connectTime", spec.string("connectTime").orElse(""), "must be between 1s and 65535s");
            }
        });
    }

    /** A Go duration at {@code key}; {@code whole} requires whole seconds (the CRD's rule for connectTime). */
    static Optional<Duration> duration(ConfigView spec, String key, boolean whole, Problems problems) {
        Optional<String> text = problems.read(() -> spec.string(key));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> duration = Durations.parse(text.get());
        if (duration.isEmpty()) {
            problems.at(spec, key, text.get(), "is not a duration; write it like 90s or 1m30s");
            return Optional.empty();
        }
        if (whole && duration.get().getNano() != 0) {
            problems.at(spec, key, text.get(), "must be a whole number of seconds");
            return Optional.empty();
        }
        return duration;
    }
}
