package io.barelb.announcer.bgp;

import io.barelb.api.Metrics;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;

/**
 * The BGP and BFD metrics, with MetalLB's names where they mean the same ({@code metallb_bgp_*},
 * {@code metallb_bfd_*}), labelled {@code peer} with the peer's address as MetalLB does. Thread-safe.
 */
final class BgpMetrics {

    static final String SESSION_UP = "metallb_bgp_session_up";
    static final String UPDATES = "metallb_bgp_updates_total";
    static final String ANNOUNCED_PREFIXES = "metallb_bgp_announced_prefixes_total";
    static final String BFD_SESSION_UP = "metallb_bfd_session_up";
    static final String BFD_UP_EVENTS = "metallb_bfd_session_up_events";
    static final String BFD_DOWN_EVENTS = "metallb_bfd_session_down_events";
    /** No MetalLB equivalent: FRR refuses strangers silently. */
    static final String REFUSED_CONNECTIONS = "barelb_bgp_refused_connections_total";

    private final Metrics metrics;

    BgpMetrics(Metrics metrics) {
        this.metrics = metrics;
    }

    private static Map<String, String> labels(String peer) {
        return Map.of("peer", peer);
    }

    /** Registers the gauges of the BGP session with {@code peer}, read at scrape time. */
    void session(String peer, BooleanSupplier up, IntSupplier prefixes) {
        metrics.gauge(SESSION_UP, "BGP session state (1 is up, 0 is down)", labels(peer), () -> up.getAsBoolean() ? 1 : 0);
        metrics.gauge(ANNOUNCED_PREFIXES, "Number of prefixes currently being advertised on the BGP session",
                labels(peer), () -> prefixes.getAsInt());
    }

    void updatesSent(String peer, int count) {
        metrics.counter(UPDATES, "Number of BGP UPDATE messages sent", labels(peer)).add(count);
    }

    /** Forgets the BGP series of {@code peer}. */
    void forgetSession(String peer) {
        metrics.remove(SESSION_UP, labels(peer));
        metrics.remove(ANNOUNCED_PREFIXES, labels(peer));
        metrics.remove(UPDATES, labels(peer));
    }

    /** A connection to the BGP port from an address that is no BGPPeer of this node was closed. */
    void refusedConnection() {
        metrics.counter(REFUSED_CONNECTIONS, "Number of incoming BGP connections closed because they came from no"
                + " configured peer", Map.of()).increment();
    }

    void bfdSession(String peer, BooleanSupplier up) {
        metrics.gauge(BFD_SESSION_UP, "BFD session state (1 is up, 0 is down)", labels(peer),
                () -> up.getAsBoolean() ? 1 : 0);
    }

    void bfdStateChange(String peer, boolean up) {
        metrics.counter(up ? BFD_UP_EVENTS : BFD_DOWN_EVENTS, up ? "Number of times the BFD session came up"
                : "Number of times the BFD session went down", labels(peer)).increment();
    }

    void forgetBfdSession(String peer) {
        metrics.remove(BFD_SESSION_UP, labels(peer));
        metrics.remove(BFD_UP_EVENTS, labels(peer));
        metrics.remove(BFD_DOWN_EVENTS, labels(peer));
    }
}
