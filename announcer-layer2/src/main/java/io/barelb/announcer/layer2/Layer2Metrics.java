package io.barelb.announcer.layer2;

import io.barelb.api.Metrics;
import io.barelb.api.net.IpAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer2 metrics: counters of our own ({@code barelb_layer2_*_total}), and the same values under MetalLB's exact
 * names ({@code metallb_layer2_requests_received}, {@code ..._responses_sent}, {@code ..._gratuitous_sent}, label
 * {@code ip}) for its dashboards. MetalLB's are counters without the {@code _total} suffix, which the Prometheus
 * Java client always adds to a counter, so they are served as gauges reading our counters: {@code rate()} and
 * {@code increase()} over them work as over MetalLB's. Thread-safe (the {@link Metrics} sink returns the same
 * counter for the same name and labels).
 */
final class Layer2Metrics {

    static final String REQUESTS_RECEIVED = "barelb_layer2_requests_received_total";
    static final String RESPONSES_SENT = "barelb_layer2_responses_sent_total";
    static final String GRATUITOUS_SENT = "barelb_layer2_gratuitous_sent_total";
    static final String MALFORMED_FRAMES = "barelb_layer2_malformed_frames_total";
    static final String ANNOUNCED = "barelb_layer2_announced";
    static final String LINK_EVENTS = "barelb_layer2_link_events_total";
    static final String LINK_CHANGES = "barelb_layer2_link_changes_total";
    static final String NETLINK_MALFORMED = "barelb_layer2_netlink_malformed_total";
    /** {@code source} of a link change seen first through a netlink message. */
    static final String SOURCE_NETLINK = "netlink";
    /** {@code source} of a link change seen first by the poll of {@code /sys/class/net}. */
    static final String SOURCE_POLL = "poll";
    static final String METALLB_REQUESTS_RECEIVED = "metallb_layer2_requests_received";
    static final String METALLB_RESPONSES_SENT = "metallb_layer2_responses_sent";
    static final String METALLB_GRATUITOUS_SENT = "metallb_layer2_gratuitous_sent";

    private final Metrics metrics;
    private final String nodeName;
    /** Per-address counters, looked up once: the answer path must not format addresses or build label maps. */
    private final Map<IpAddress, AddressCounters> byAddress = new ConcurrentHashMap<>();
    private final Map<String, Metrics.Counter> malformedByInterface = new ConcurrentHashMap<>();

    private record AddressCounters(Metrics.Counter requests, Metrics.Counter responses, Metrics.Counter gratuitous) {
    }

    Layer2Metrics(Metrics metrics, String nodeName) {
        this.metrics = metrics;
        this.nodeName = nodeName;
    }

    private AddressCounters counters(IpAddress address) {
        return byAddress.computeIfAbsent(address, a -> {
            Map<String, String> labels = Map.of("ip", a.toString());
            AddressCounters counters = new AddressCounters(
                    metrics.counter(REQUESTS_RECEIVED, "ARP requests and neighbor solicitations received for an "
                            + "announced address", labels),
                    metrics.counter(RESPONSES_SENT, "ARP replies and neighbor advertisements sent in answer to a "
                            + "request", labels),
                    metrics.counter(GRATUITOUS_SENT, "gratuitous ARP and unsolicited neighbor advertisement frames "
                            + "sent", labels));
            mirror(METALLB_REQUESTS_RECEIVED, "Number of layer2 requests received for owned IPs", labels,
                    counters.requests());
            mirror(METALLB_RESPONSES_SENT, "Number of layer2 responses sent for owned IPs in response to requests",
                    labels, counters.responses());
            mirror(METALLB_GRATUITOUS_SENT, "Number of gratuitous layer2 packets sent for owned IPs as a result of"
                    + " failovers", labels, counters.gratuitous());
            return counters;
        });
    }

    private void mirror(String name, String help, Map<String, String> labels, Metrics.Counter counter) {
        metrics.gauge(name, help + " (MetalLB's name; a counter's value)", labels, () -> counter.value());
    }

    void requestReceived(IpAddress address) {
        counters(address).requests().increment();
    }

    void responseSent(IpAddress address) {
        counters(address).responses().increment();
    }

    void gratuitousSent(IpAddress address, int frames) {
        counters(address).gratuitous().add(frames);
    }

    void malformedFrame(String interfaceName) {
        malformedByInterface.computeIfAbsent(interfaceName, name -> metrics.counter(MALFORMED_FRAMES,
                "ARP or neighbor discovery frames dropped as malformed", Map.of("interface", name))).increment();
    }

    /** A netlink link message arrived about {@code interfaceName} (or {@code #INDEX}). */
    void linkEvent(String interfaceName) {
        metrics.counter(LINK_EVENTS, "netlink link messages (RTM_NEWLINK, RTM_DELLINK) received",
                Map.of("interface", interfaceName)).increment();
    }

    /** Link state changed, and {@code source} ({@link #SOURCE_NETLINK} or {@link #SOURCE_POLL}) saw it first. */
    void linkChange(String source) {
        metrics.counter(LINK_CHANGES, "changes of this node's link state, by the path that noticed them first",
                Map.of("source", source)).increment();
    }

    /** A netlink message was malformed and skipped. */
    void netlinkMalformed() {
        metrics.counter(NETLINK_MALFORMED, "netlink messages skipped as malformed or truncated", Map.of()).increment();
    }

    /** Marks {@code address} as announced from this node (gauge 1) or forgets it. */
    void announced(IpAddress address, boolean announced) {
        Map<String, String> labels = Map.of("ip", address.toString(), "node", nodeName);
        if (announced) {
            metrics.gauge(ANNOUNCED, "1 for each address this node announces by layer2", labels, () -> 1.0);
        } else {
            metrics.remove(ANNOUNCED, labels);
        }
    }
}
