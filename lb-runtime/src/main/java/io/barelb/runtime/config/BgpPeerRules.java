package io.barelb.runtime.config;

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
 * Rules for {@code BGPPeer} (v1beta1 and v1beta2 fields). Belongs to the BGP announcer plugin; lives in the
 * runtime until that plugin validates its own kinds through {@code AnnouncerFactory.validate}.
 */
final class BgpPeerRules {

    static final Set<String> FIELDS = Set.of("myASN", "peerASN", "dynamicASN", "localASN", "peerAddress", "interface",
            "sourceAddress", "peerPort", "holdTime", "keepaliveTime", "connectTime", "routerID", "nodeSelectors",
            "password", "passwordSecret", "bfdProfile", "enableGracefulRestart", "ebgpMultiHop", "vrf", "disableMP",
            "dualStackAddressFamily");
    private static final long MAX_ASN = 4_294_967_295L;

    private BgpPeerRules() {
    }

    static void check(List<ConfigResource> peers, Set<String> bfdProfiles, Problems problems) {
        Map<String, String> seen = new HashMap<>();
        for (ConfigResource peer : peers) {
            ConfigView spec = peer.spec();
            problems.unknownKeys(spec, FIELDS);
            asn(spec, "myASN", true, problems);
            Optional<Long> peerAsn = asn(spec, "peerASN", false, problems);
            asn(spec, "localASN", false, problems);
            Optional<String> dynamic = problems.read(() -> spec.string("dynamicASN"));
            if (dynamic.isPresent() && !dynamic.get().equals("internal") && !dynamic.get().equals("external")) {
                problems.at(spec, "dynamicASN", dynamic.get(), "must be internal or external");
            }
            if (peerAsn.isPresent() && dynamic.isPresent()) {
                problems.at(spec, "dynamicASN", dynamic.get(), "peerASN and dynamicASN are both set; set only one");
            } else if (!spec.has("peerASN") && dynamic.isEmpty()) {
                problems.at(spec, "peerASN", "", "is required (or set dynamicASN to internal or external)");
            }
            Optional<String> address = problems.read(() -> spec.string("peerAddress"));
            Optional<String> iface = problems.read(() -> spec.string("interface"));
            if (address.isPresent() && iface.isPresent()) {
                problems.at(spec, "interface", iface.get(), "peerAddress and interface are both set; set only one");
            } else if (address.isEmpty() && iface.isEmpty() && !spec.has("peerAddress")) {
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
            Selectors.list(spec, "nodeSelectors", problems);
            boolean hasPassword = problems.read(() -> spec.string("password")).isPresent();
            problems.read(() -> spec.child("passwordSecret")).ifPresent(secret -> {
                problems.unknownKeys(secret, Set.of("name", "namespace"));
                if (problems.read(() -> secret.string("name")).isEmpty()) {
                    problems.at(secret, "name", "", "is required: the Secret holding key password");
                }
                if (hasPassword) {
                    problems.at(spec, "passwordSecret", "", "password and passwordSecret are both set; set only one");
                }
            });
            problems.read(() -> spec.string("bfdProfile")).ifPresent(profile -> {
                if (!bfdProfiles.contains(profile)) {
                    problems.at(spec, "bfdProfile", profile, "no BFDProfile has this name; create it or remove the reference");
                }
            });
            for (String flag : List.of("enableGracefulRestart", "ebgpMultiHop", "disableMP", "dualStackAddressFamily")) {
                problems.read(() -> spec.bool(flag));
            }
            String identity = address.or(() -> iface).orElse("") + "|" + spec.raw("peerPort").orElse(179)
                    + "|" + spec.raw("vrf").orElse("") + "|" + spec.raw("nodeSelectors").orElse("");
            String first = seen.putIfAbsent(identity, peer.name());
            if (first != null) {
                problems.add(new ConfigProblem(peer.kind(), peer.name(), "spec.peerAddress", address.or(() -> iface).orElse(""),
                        "same peer as BGPPeer \"" + first + "\" (address, port, VRF and node selectors); remove one"));
            }
        }
    }

    private static Optional<Long> asn(ConfigView spec, String key, boolean required, Problems problems) {
        if (required && !spec.has(key)) {
            problems.at(spec, key, "", "is required: the AS number, 0 to " + MAX_ASN);
            return Optional.empty();
        }
        return problems.integerIn(spec, key, 0, MAX_ASN);
    }

    private static void ipAddress(ConfigView spec, String key, String value, Problems problems) {
        if (IpAddress.tryParse(value) == null) {
            problems.at(spec, key, value, "is not an IPv4 or IPv6 address");
        }
    }

    private static void timers(ConfigView spec, Problems problems) {
        Optional<Duration> hold = seconds(spec, "holdTime", problems);
        Optional<Duration> keepalive = seconds(spec, "keepaliveTime", problems);
        Optional<Duration> connect = seconds(spec, "connectTime", problems);
        hold.ifPresent(h -> {
            if (!h.isZero() && h.getSeconds() < 3) {
                problems.at(spec, "holdTime", spec.string("holdTime").orElse(""),
                        "must be 0 (no keepalives) or at least 3s (RFC 4271 section 4.2)");
            }
        });
        if (hold.isPresent() && keepalive.isPresent() && !hold.get().isZero()
                && keepalive.get().compareTo(hold.get()) >= 0) {
            problems.at(spec, "keepaliveTime", spec.string("keepaliveTime").orElse(""),
                    "must be lower than the hold time " + spec.string("holdTime").orElse("") + "; a third of it is usual");
        }
        connect.ifPresent(c -> {
            if (c.getSeconds() < 1 || c.getSeconds() > 65535) {
                problems.at(spec, "connectTime", spec.string("connectTime").orElse(""), "must be between 1s and 65535s");
            }
        });
    }

    private static Optional<Duration> seconds(ConfigView spec, String key, Problems problems) {
        Optional<String> text = problems.read(() -> spec.string(key));
        if (text.isEmpty()) {
            return Optional.empty();
        }
        Optional<Duration> duration = Durations.parse(text.get());
        if (duration.isEmpty()) {
            problems.at(spec, key, text.get(), "is not a duration; write it like 90s or 1m30s");
            return Optional.empty();
        }
        if (duration.get().getNano() != 0) {
            problems.at(spec, key, text.get(), "must be a whole number of seconds");
            return Optional.empty();
        }
        return duration;
    }
}
