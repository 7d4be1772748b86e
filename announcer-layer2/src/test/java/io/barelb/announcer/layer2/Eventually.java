package io.barelb.announcer.layer2;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Waiting for a condition in the unit tests: polls every 5 ms, fails after 10 s. */
final class Eventually {

    private Eventually() {
    }

    static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.sleep(5);
        }
    }
}
