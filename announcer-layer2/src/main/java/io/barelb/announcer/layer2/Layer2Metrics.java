package io.barelb.announcer.layer2;

import io.barelb.api.Metrics;
import io.barelb.api.net.IpAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The layer2 metrics, named after MetalLB's ({@code metallb_layer2_*}) with the {@code barelb_} prefix.
 * Thread-safe (the {@link Metrics} sink returns the same counter for the same name and labels).
 */
final class Layer2Metrics {

    static final String REQUESTS_RECEIVED = "barelb_layer2_requests_received_total";
    static final String RESPONSES_SENT = "barelb_layer2_responses_sent_total";
    static final String GRATUITOUS_SENT = "barelb_layer2_gratuitous_sent_total";
    static final String MALFORMED_FRAMES = "barelb_layer2_malformed_frames_total";
    static final String ANNOUNCED = "barelb_layer2_announced";

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
            return new AddressCounters(
                    metrics.counter(REQUESTS_RECEIVED, "ARP requests and neighbor solicitations received for an "
                            + "announced address", labels),
                    metrics.counter(RESPONSES_SENT, "ARP replies and neighbor advertisements sent in answer to a "
                            + "request", labels),
                    metrics.counter(GRATUITOUS_SENT, "gratuitous ARP and unsolicited neighbor advertisement frames "
                            + "sent", labels));
        });
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
