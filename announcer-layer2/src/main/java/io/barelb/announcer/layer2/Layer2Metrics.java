package io.barelb.announcer.layer2;

import io.barelb.api.Metrics;
import io.barelb.api.net.IpAddress;
import java.util.Map;

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

    Layer2Metrics(Metrics metrics, String nodeName) {
        this.metrics = metrics;
        this.nodeName = nodeName;
    }

    void requestReceived(IpAddress address) {
        metrics.counter(REQUESTS_RECEIVED, "ARP requests and neighbor solicitations received for an announced address",
                Map.of("ip", address.toString())).increment();
    }

    void responseSent(IpAddress address) {
        metrics.counter(RESPONSES_SENT, "ARP replies and neighbor advertisements sent in answer to a request",
                Map.of("ip", address.toString())).increment();
    }

    void gratuitousSent(IpAddress address, int frames) {
        metrics.counter(GRATUITOUS_SENT, "gratuitous ARP and unsolicited neighbor advertisement frames sent",
                Map.of("ip", address.toString())).add(frames);
    }

    void malformedFrame(String interfaceName) {
        metrics.counter(MALFORMED_FRAMES, "ARP or neighbor discovery frames dropped as malformed",
                Map.of("interface", interfaceName)).increment();
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
