package io.barelb.announcer.bgp;

import io.barelb.announcer.bgp.bfd.netty.BfdSessionStatus;
import io.barelb.api.Metrics;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * The BGP and BFD metrics, with MetalLB's names where they mean the same ({@code metallb_bgp_*},
 * {@code metallb_bfd_*}), labelled {@code peer} with the peer's address as MetalLB does (MetalLB adds {@code vrf};
 * we have no VRFs). What MetalLB has no name for is {@code barelb_bfd_*}. Thread-safe.
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
    static final String BFD_PACKETS_IN = "metallb_bfd_control_packet_input";
    static final String BFD_PACKETS_OUT = "metallb_bfd_control_packet_output";
    static final String BFD_STATE = "barelb_bfd_session_state";
    static final String BFD_DIAGNOSTIC = "barelb_bfd_session_diagnostic";
    static final String BFD_STATE_CHANGES = "barelb_bfd_session_state_changes";
    static final String BFD_TRANSMIT_INTERVAL = "barelb_bfd_transmit_interval_seconds";
    static final String BFD_DETECTION_TIME = "barelb_bfd_detection_time_seconds";

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

    /**
     * Registers the series of the BFD session with {@code peer}: {@code up} is read at scrape time, the rest from
     * the last published {@code status} (NaN before the first). Returns the counters the publications feed.
     */
    BfdCounts bfdSession(String peer, BooleanSupplier up, Supplier<Optional<BfdSessionStatus>> status) {
        metrics.gauge(BFD_SESSION_UP, "BFD session state (1 is up, 0 is down)", labels(peer),
                () -> up.getAsBoolean() ? 1 : 0);
        events(peer, true); // both event counters exist (at 0) from the start, as MetalLB's do
        events(peer, false);
        bfdGauge(BFD_STATE, "BFD session state as RFC 5880 codes it (0 AdminDown, 1 Down, 2 Init, 3 Up)", peer, status,
                s -> s.state().code());
        bfdGauge(BFD_DIAGNOSTIC, "RFC 5880 diagnostic code of the session's last state change (0 none, 1 detection "
                + "time expired, 3 neighbor signaled down, 7 administratively down)", peer, status,
                s -> s.localDiagnostic().code());
        bfdGauge(BFD_TRANSMIT_INTERVAL, "BFD transmit interval in force (before jitter)", peer, status,
                s -> s.transmitIntervalMicros() / 1e6);
        bfdGauge(BFD_DETECTION_TIME, "BFD detection time in force (0 before the peer's first packet)", peer, status,
                s -> s.detectionTimeMicros() / 1e6);
        return new BfdCounts(metrics.counter(BFD_PACKETS_IN, "Number of received BFD control packets", labels(peer)),
                metrics.counter(BFD_PACKETS_OUT, "Number of sent BFD control packets", labels(peer)),
                metrics.counter(BFD_STATE_CHANGES, "Number of BFD session state changes (any state)", labels(peer)));
    }

    private void bfdGauge(String name, String help, String peer, Supplier<Optional<BfdSessionStatus>> status,
                          ToDoubleFunction<BfdSessionStatus> value) {
        metrics.gauge(name, help, labels(peer), () -> status.get().map(value::applyAsDouble).orElse(Double.NaN));
    }

    /**
     * The counters of one BFD session, fed from its published statuses: each update adds what the session
     * counted since the previous one. Called on the BFD event loop only.
     */
    static final class BfdCounts {
        private final Metrics.Counter received;
        private final Metrics.Counter sent;
        private final Metrics.Counter changes;
        private long lastReceived;
        private long lastSent;
        private long lastChanges;

        BfdCounts(Metrics.Counter received, Metrics.Counter sent, Metrics.Counter changes) {
            this.received = received;
            this.sent = sent;
            this.changes = changes;
        }

        void update(BfdSessionStatus status) {
            lastReceived = add(received, lastReceived, status.packetsReceived());
            lastSent = add(sent, lastSent, status.packetsSent());
            lastChanges = add(changes, lastChanges, status.stateChanges());
        }

        /** A session that restarted counts from 0 again: its whole count is new. */
        private static long add(Metrics.Counter counter, long last, long now) {
            counter.add(now >= last ? now - last : now);
            return now;
        }
    }

    void bfdStateChange(String peer, boolean up) {
        events(peer, up).increment();
    }

    private Metrics.Counter events(String peer, boolean up) {
        return metrics.counter(up ? BFD_UP_EVENTS : BFD_DOWN_EVENTS, up ? "Number of times the BFD session came up"
                : "Number of times the BFD session went down", labels(peer));
    }

    void forgetBfdSession(String peer) {
        metrics.remove(BFD_SESSION_UP, labels(peer));
        metrics.remove(BFD_UP_EVENTS, labels(peer));
        metrics.remove(BFD_DOWN_EVENTS, labels(peer));
        for (String name : new String[] {BFD_PACKETS_IN, BFD_PACKETS_OUT, BFD_STATE, BFD_DIAGNOSTIC, BFD_STATE_CHANGES,
                BFD_TRANSMIT_INTERVAL, BFD_DETECTION_TIME}) {
            metrics.remove(name, labels(peer));
        }
    }
}
