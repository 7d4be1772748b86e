package io.barelb.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicInteger;
import io.barelb.testkit.HandClock;
import org.junit.jupiter.api.Test;

class EventCorrelatorTest {

    private final HandClock clock = new HandClock(Instant.parse("2026-12-02T12:00:00Z"));
    private final AtomicInteger named = new AtomicInteger();
    private final EventCorrelator correlator = new EventCorrelator(clock, (key, now) -> "e" + named.incrementAndGet());

    private static EventKey failed(String service, String message) {
        return new EventKey("default", "v1", "Service", service, "Warning", "AllocationFailed", message);
    }

    @Test
    void repeatsOfOneEventAreOneEventWhoseCountGrows() {
        EventKey key = failed("web", "no available IPs");
        assertThat(correlator.record(key)).isTrue();
        EventCorrelator.Write first = correlator.take(key).orElseThrow();
        assertThat(first.create()).isTrue();
        assertThat(first.count()).isEqualTo(1);
        correlator.written(first, true);

        clock.now = clock.now.plusSeconds(7);
        assertThat(correlator.record(key)).isTrue();
        EventCorrelator.Write second = correlator.take(key).orElseThrow();
        assertThat(second.create()).isFalse();
        assertThat(second.name()).isEqualTo(first.name());
        assertThat(second.count()).isEqualTo(2);
        assertThat(second.first()).isEqualTo(first.first());
        assertThat(second.last()).isEqualTo(clock.now);
        assertThat(named).hasValue(1);
    }

    @Test
    void occurrencesWhileAWriteIsQueuedFoldIntoThatWrite() {
        EventKey key = failed("web", "no available IPs");
        assertThat(correlator.record(key)).isTrue();
        assertThat(correlator.record(key)).isFalse();
        assertThat(correlator.record(key)).isFalse();
        assertThat(correlator.take(key).orElseThrow().count()).isEqualTo(3);
    }

    @Test
    void aDifferentMessageIsADifferentEvent() {
        assertThat(correlator.record(failed("web", "no available IPs"))).isTrue();
        assertThat(correlator.record(failed("web", "pool gone"))).isTrue();
        assertThat(correlator.size()).isEqualTo(2);
        assertThat(correlator.take(failed("web", "pool gone")).orElseThrow().name()).isEqualTo("e2");
    }

    @Test
    void eachObjectGetsTwentyFiveWritesThenOneEveryFiveMinutesAndNoCountIsLost() {
        EventKey key = failed("web", "no available IPs");
        int writes = 0;
        for (int i = 0; i < 100; i++) {
            if (correlator.record(key)) {
                writes++;
                correlator.written(correlator.take(key).orElseThrow(), true);
            }
        }
        assertThat(writes).isEqualTo(EventCorrelator.BURST);
        assertThat(correlator.dirty()).singleElement().satisfies(write -> assertThat(write.count()).isEqualTo(100));

        // another object has its own bucket
        assertThat(correlator.record(failed("db", "no available IPs"))).isTrue();

        clock.now = clock.now.plus(EventCorrelator.REFILL).minusSeconds(1);
        assertThat(correlator.record(key)).isFalse();
        clock.now = clock.now.plusSeconds(1);
        assertThat(correlator.record(key)).isTrue();
        EventCorrelator.Write refilled = correlator.take(key).orElseThrow();
        assertThat(refilled.count()).isEqualTo(102);
        correlator.written(refilled, true);
        assertThat(correlator.dirty()).extracting(EventCorrelator.Write::key).doesNotContain(key);
    }

    @Test
    void aFailedWriteLeavesTheEventToBeCreatedByTheNextOne() {
        EventKey key = failed("web", "no available IPs");
        correlator.record(key);
        correlator.written(correlator.take(key).orElseThrow(), false);
        correlator.record(key);
        EventCorrelator.Write retry = correlator.take(key).orElseThrow();
        assertThat(retry.create()).isTrue();
        assertThat(retry.count()).isEqualTo(2);
    }

    @Test
    void anExpiredEventIsRecreatedUnderANewNameWithWhatItHadNotCounted() {
        EventKey key = failed("web", "no available IPs");
        correlator.record(key);
        correlator.written(correlator.take(key).orElseThrow(), true);
        clock.now = clock.now.plus(Duration.ofHours(2));
        correlator.record(key);
        EventCorrelator.Write patch = correlator.take(key).orElseThrow();
        EventCorrelator.Write fresh = correlator.recreate(patch).orElseThrow();
        assertThat(fresh.create()).isTrue();
        assertThat(fresh.name()).isNotEqualTo(patch.name());
        assertThat(fresh.count()).isEqualTo(1);
        assertThat(fresh.first()).isEqualTo(clock.now);
    }

    @Test
    void theCacheForgetsTheLeastRecentlyUsedWrittenEventBeyondItsSize() {
        for (int i = 0; i <= EventCorrelator.CACHE_SIZE; i++) {
            EventKey key = failed("svc-" + i, "m");
            correlator.record(key);
            correlator.written(correlator.take(key).orElseThrow(), true);
        }
        assertThat(correlator.size()).isEqualTo(EventCorrelator.CACHE_SIZE);
        correlator.record(failed("svc-0", "m"));
        assertThat(correlator.take(failed("svc-0", "m")).orElseThrow().create())
                .as("forgotten, so written as a new Event").isTrue();
    }

    @Test
    void aQueuedEventIsNeverForgottenHoweverManyAreQueued() {
        int burst = 2 * EventCorrelator.CACHE_SIZE + 1;
        for (int i = 0; i < burst; i++) {
            assertThat(correlator.record(failed("svc-" + i, "m"))).isTrue();
        }
        for (int i = 0; i < burst; i++) {
            EventCorrelator.Write write = correlator.take(failed("svc-" + i, "m")).orElseThrow();
            assertThat(write.create()).isTrue();
            assertThat(write.count()).isEqualTo(1);
        }
        assertThat(correlator.size()).isEqualTo(EventCorrelator.CACHE_SIZE);
    }

    @Test
    void aDroppedWriteIsCarriedByTheEventsNextWrite() {
        EventKey key = failed("web", "no available IPs");
        assertThat(correlator.record(key)).isTrue();
        correlator.dropped(key);
        assertThat(correlator.take(key)).as("nothing queued any more").isEmpty();
        assertThat(correlator.dirty()).singleElement().satisfies(write -> assertThat(write.count()).isEqualTo(1));
        assertThat(correlator.record(key)).isTrue();
        EventCorrelator.Write next = correlator.take(key).orElseThrow();
        assertThat(next.create()).isTrue();
        assertThat(next.count()).isEqualTo(2);
    }
}
