package io.barelb.runtime.controller;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class WorkQueueTest {

    private final ManualScheduler scheduler = new ManualScheduler();
    private final List<String> handed = new ArrayList<>();

    private WorkQueue<String> queue(RateLimiter<String> limiter) {
        return new WorkQueue<>(scheduler, limiter);
    }

    private static RateLimiter<String> exponential() {
        return new ItemExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
    }

    @Test
    void keysAddedBeforeStartWaitAndAKeyWaitingAlreadyIsNotAddedTwice() {
        WorkQueue<String> queue = queue(exponential());
        queue.add("a");
        queue.add("b");
        queue.add("a");
        assertThat(scheduler.runDue()).as("nothing is handed out before start").isZero();
        assertThat(queue.size()).isEqualTo(2);

        queue.start(handed::add);
        scheduler.runDue();

        assertThat(handed).containsExactly("a", "b");
        assertThat(queue.size()).isZero();
    }

    @Test
    void busyWhileAKeyWaitsOrIsWorkedOn() {
        WorkQueue<String> queue = queue(exponential());
        List<Boolean> busyDuringWork = new ArrayList<>();
        assertThat(queue.busy()).isFalse();
        queue.add("a");
        assertThat(queue.busy()).as("a key waits").isTrue();
        queue.start(key -> busyDuringWork.add(queue.busy()));
        scheduler.runDue();
        assertThat(busyDuringWork).as("while the key is worked on").containsExactly(true);
        assertThat(queue.busy()).isFalse();
    }

    @Test
    void aKeyAddedWhileItIsWorkedOnIsWorkedOnAgainAfterwards() {
        WorkQueue<String> queue = queue(exponential());
        queue.start(key -> {
            handed.add(key);
            if (handed.size() == 1) {
                queue.add(key);
            }
        });
        queue.add("a");
        scheduler.runDue();
        assertThat(handed).containsExactly("a", "a");
    }

    @Test
    void failuresComeBackAfterADoublingWaitWithoutAThreadAndForgetResetsIt() {
        WorkQueue<String> queue = queue(exponential());
        List<Duration> at = new ArrayList<>();
        java.time.Instant start = scheduler.now();
        queue.start(key -> {
            at.add(Duration.between(start, scheduler.now()));
            if (at.size() < 5) {
                queue.addRateLimited(key);
            } else {
                queue.forget(key);
            }
        });
        int threadsBefore = Thread.activeCount();
        queue.add("flaky");
        scheduler.advance(Duration.ofSeconds(1));

        // tries at 0, then waits of 5, 10, 20, 40 ms
        assertThat(at).containsExactly(Duration.ZERO, Duration.ofMillis(5), Duration.ofMillis(15),
                Duration.ofMillis(35), Duration.ofMillis(75));
        assertThat(queue.failures("flaky")).as("forgotten after the success").isZero();
        assertThat(queue.addRateLimited("flaky")).as("the backoff starts over").isEqualTo(Duration.ofMillis(5));
        assertThat(Thread.activeCount()).as("no thread per failure").isLessThanOrEqualTo(threadsBefore);
    }

    @Test
    void theBackoffIsPerKeyAndCappedAtItsMaximum() {
        RateLimiter<String> limiter = new ItemExponentialBackoff<>(Duration.ofMillis(5), Duration.ofSeconds(1000));
        for (int i = 0; i < 17; i++) {
            limiter.when("a");
        }
        assertThat(limiter.when("a")).as("5 ms * 2^17").isEqualTo(Duration.ofMillis(655_360));
        assertThat(limiter.when("a")).isEqualTo(Duration.ofSeconds(1000));
        for (int i = 0; i < 2000; i++) {
            limiter.when("a");
        }
        assertThat(limiter.when("a")).as("no overflow after many failures").isEqualTo(Duration.ofSeconds(1000));
        assertThat(limiter.when("b")).as("another key starts at the base").isEqualTo(Duration.ofMillis(5));
        assertThat(limiter.failures("a")).isEqualTo(2020);
    }

    @Test
    void theOverallBucketLetsABurstThroughThenTenASecond() {
        RateLimiter<String> bucket = new TokenBucket<>(10, 100, scheduler.clock());
        for (int i = 0; i < 100; i++) {
            assertThat(bucket.when("k" + i)).as("burst try %d", i).isZero();
        }
        assertThat(bucket.when("late")).isEqualTo(Duration.ofMillis(100));
        assertThat(bucket.when("later")).isEqualTo(Duration.ofMillis(200));
        scheduler.advance(Duration.ofSeconds(10));
        assertThat(bucket.when("refilled")).as("a full bucket after 10 s").isZero();
    }

    @Test
    void theDefaultWaitsForTheLongerOfBoth() {
        RateLimiter<String> limiter = RateLimiter.controllerDefault(scheduler.clock());
        assertThat(limiter.when("a")).isEqualTo(Duration.ofMillis(5));
        for (int i = 0; i < 120; i++) {
            limiter.when("k" + i);
        }
        assertThat(limiter.when("b")).as("the bucket is empty: its wait is longer than 5 ms")
                .isGreaterThan(Duration.ofSeconds(1));
        limiter.forget("a");
        assertThat(limiter.failures("a")).isZero();
    }

    @Test
    void afterCloseNothingIsAddedOrHandedAndPendingRetriesAreDropped() {
        WorkQueue<String> queue = queue(exponential());
        queue.start(handed::add);
        queue.add("a");
        queue.addRateLimited("b");
        queue.close();
        queue.add("c");
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(handed).isEmpty();
        assertThat(queue.size()).isZero();
    }

    @Test
    void randomAddsAreEachHandedOutOnceInFirstAddedOrder() {
        Random random = new Random(8_2026L);
        WorkQueue<String> queue = queue(exponential());
        queue.start(handed::add);
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 50; round++) {
            Set<String> waiting = new java.util.LinkedHashSet<>();
            for (int i = 0; i < 20; i++) {
                String key = "k" + random.nextInt(10);
                queue.add(key);
                waiting.add(key);
            }
            expected.addAll(waiting);
            scheduler.runDue();
        }
        assertThat(handed).isEqualTo(expected);
    }
}
