package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The vacant records of {@link Holdings}: kept for a Service's next assignment, swept when they outnumber the rest. */
class HoldingsTest {

    private static final IpAddress BASE = IpAddress.parse("10.0.0.0");

    @Test
    void aReleasedServiceKeepsItsRecordAndGetsItBackOnItsNextAssignment() {
        Holdings holdings = new Holdings();
        ServiceRequest request = ServiceRequest.of(new ServiceKey("ns", "web"));
        Holdings.Held first = holdings.attach(request, assignment(request, 1));
        Holdings.Held detached = holdings.detach(request.service());

        assertThat(detached).isSameAs(first);
        assertThat(detached.address(0)).as("readable after detach, to free it").isEqualTo(BASE.plus(1));
        assertThat(holdings.get(request.service())).isNull();
        assertThat(holdings.detach(request.service())).as("nothing held any more").isNull();
        assertThat(holdings.isHeld(BASE.plus(1))).isFalse();
        assertThat(holdings.serviceCount()).isZero();
        assertThat(holdings.all()).isEmpty();
        assertThat(holdings.recordCount()).isEqualTo(1);

        Holdings.Held again = holdings.attach(request, assignment(request, 2));
        assertThat(again).isSameAs(first);
        assertThat(again.assignment().addresses()).containsExactly(BASE.plus(2));
        assertThat(holdings.holdersOf(BASE.plus(2))).containsExactly(request.service());
        assertThat(holdings.serviceCount()).isEqualTo(1);
    }

    @Test
    void vacantRecordsAreSweptWhenTheyOutnumberTheHeldOnes() {
        Holdings holdings = new Holdings();
        int count = 3 * Holdings.SWEEP_THRESHOLD;
        for (int i = 0; i < count; i++) {
            ServiceRequest request = ServiceRequest.of(new ServiceKey("ns", "svc-" + i));
            holdings.attach(request, assignment(request, i));
        }
        for (int i = 0; i < count; i++) {
            holdings.detach(new ServiceKey("ns", "svc-" + i));
            int held = count - 1 - i;
            assertThat(holdings.serviceCount()).isEqualTo(held);
            assertThat(holdings.recordCount() - held).as("vacant records after %s releases", i + 1)
                    .isLessThanOrEqualTo(Math.max(Holdings.SWEEP_THRESHOLD, held));
        }
        assertThat(holdings.recordCount()).isLessThanOrEqualTo(Holdings.SWEEP_THRESHOLD);
        for (int i = 0; i < count; i++) {
            assertThat(holdings.get(new ServiceKey("ns", "svc-" + i))).isNull();
            assertThat(holdings.isHeld(BASE.plus(i))).isFalse();
        }
    }

    private static Assignment assignment(ServiceRequest request, int offset) {
        return new Assignment(request.service(), "pool", List.of(BASE.plus(offset)));
    }
}
