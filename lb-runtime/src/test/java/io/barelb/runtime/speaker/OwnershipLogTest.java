package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class OwnershipLogTest {

    @Test
    void logsEachChangeOfHolderOnceWithItsReason() {
        OwnershipLog log = new OwnershipLog("cp-1");
        AddressStatus held = status("203.0.113.10", AddressStatus.State.HELD, "backend healthy (3/3)");
        AddressStatus other = status("203.0.113.11", AddressStatus.State.HELD, "no health check");
        try (CapturedOutput output = new CapturedOutput()) {
            log.update(List.of(held, other));
            log.update(List.of(held, other));
            log.update(List.of(status("203.0.113.10", AddressStatus.State.STANDBY, "owner is cp-2"), other));
            log.update(List.of());

            assertThat(lines(output.text())).containsExactly(
                    "node cp-1 holds 203.0.113.10 (layer2, default/web): backend healthy (3/3)",
                    "node cp-1 holds 203.0.113.11 (layer2, default/web): no health check",
                    "node cp-1 gave up 203.0.113.10 (layer2, default/web): owner is cp-2",
                    "node cp-1 gave up 203.0.113.11 (layer2, default/web): no longer configured for this node");
        }
    }

    @Test
    void tenThousandHeldAddressesStayHeldWithoutALine() {
        OwnershipLog log = new OwnershipLog("cp-1");
        List<AddressStatus> statuses = new ArrayList<>();
        IntStream.range(0, 10_000).forEach(i -> statuses.add(
                status("10.0." + (i / 256) + "." + (i % 256), AddressStatus.State.HELD, "no health check")));
        log.update(statuses);
        try (CapturedOutput output = new CapturedOutput()) {
            log.update(statuses);
            statuses.remove(0);
            log.update(statuses);

            assertThat(lines(output.text())).containsExactly(
                    "node cp-1 gave up 10.0.0.0 (layer2, default/web): no longer configured for this node");
        }
    }

    private static AddressStatus status(String address, AddressStatus.State state, String reason) {
        return new AddressStatus("layer2", "default/web", address, state, reason, List.of());
    }

    /** The ownership lines of the log, without slf4j-simple's prefix. */
    private static List<String> lines(String text) {
        return text.lines().filter(line -> line.contains("ownership - node cp-1"))
                .map(line -> line.substring(line.indexOf("node cp-1"))).toList();
    }
}
