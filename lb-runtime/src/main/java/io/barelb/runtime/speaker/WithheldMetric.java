package io.barelb.runtime.speaker;

import io.barelb.api.Metrics;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@value #NAME}{@code {protocol,service,ip,node}}: 1 for each address this node withholds because its backend fails
 * the address's health check; the series is removed when the address is no longer withheld. The per-address
 * counterpart of {@code metallb_speaker_announced}. Not thread-safe: the {@link Speaker} calls it under its lock.
 */
final class WithheldMetric {

    static final String NAME = "barelb_speaker_withheld";

    private final String nodeName;
    private final Metrics metrics;
    private final Set<Map<String, String>> series = new HashSet<>();

    WithheldMetric(String nodeName, Metrics metrics) {
        this.nodeName = nodeName;
        this.metrics = metrics;
    }

    /** Makes the series exactly those of the {@code WITHHELD} entries of {@code statuses}. */
    void update(List<AddressStatus> statuses) {
        Set<Map<String, String>> now = new HashSet<>();
        for (AddressStatus status : statuses) {
            if (status.state() == AddressStatus.State.WITHHELD) {
                Map<String, String> labels = Map.of("protocol", status.protocol(), "service", status.owner(),
                        "ip", status.address(), "node", nodeName);
                now.add(labels);
                if (!series.contains(labels)) {
                    metrics.gauge(NAME, "1 for each address this node withholds: its backend fails the health check",
                            labels, () -> 1.0);
                }
            }
        }
        series.stream().filter(labels -> !now.contains(labels)).forEach(labels -> metrics.remove(NAME, labels));
        series.clear();
        series.addAll(now);
    }
}
