package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.Metrics;
import io.barelb.api.net.IpAddress;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.DoubleSupplier;
import org.junit.jupiter.api.Test;

class Layer2MetricsTest {

    /** Gauges and counters by name and labels, read back as MetalLB's dashboards would read them. */
    private static final class Recorded implements Metrics {
        final Map<String, AtomicLong> counters = new HashMap<>();
        final Map<String, DoubleSupplier> gauges = new HashMap<>();

        @Override
        public Counter counter(String name, String help, Map<String, String> labels) {
            AtomicLong value = counters.computeIfAbsent(name + labels, k -> new AtomicLong());
            return new Counter() {
                @Override
                public void add(long amount) {
                    value.addAndGet(amount);
                }

                @Override
                public long value() {
                    return value.get();
                }
            };
        }

        @Override
        public void gauge(String name, String help, Map<String, String> labels, DoubleSupplier value) {
            gauges.put(name + labels, value);
        }

        @Override
        public void remove(String name, Map<String, String> labels) {
            counters.remove(name + labels);
            gauges.remove(name + labels);
        }
    }

    @Test
    void metallbsLayer2NamesCarryTheValuesOfOurCounters() {
        Recorded recorded = new Recorded();
        Layer2Metrics metrics = new Layer2Metrics(recorded, "node-1");
        IpAddress vip = IpAddress.parse("192.0.2.200");
        Map<String, String> ip = Map.of("ip", "192.0.2.200");

        metrics.requestReceived(vip);
        metrics.requestReceived(vip);
        metrics.responseSent(vip);
        metrics.gratuitousSent(vip, 4);

        assertThat(recorded.counters.get(Layer2Metrics.REQUESTS_RECEIVED + ip).get()).isEqualTo(2);
        assertThat(recorded.gauges.get("metallb_layer2_requests_received" + ip).getAsDouble()).isEqualTo(2.0);
        assertThat(recorded.gauges.get("metallb_layer2_responses_sent" + ip).getAsDouble()).isEqualTo(1.0);
        assertThat(recorded.gauges.get("metallb_layer2_gratuitous_sent" + ip).getAsDouble()).isEqualTo(4.0);
        metrics.requestReceived(vip);
        assertThat(recorded.gauges.get("metallb_layer2_requests_received" + ip).getAsDouble())
                .as("read when scraped, not copied once").isEqualTo(3.0);
    }
}
