package io.barelb.runtime.speaker;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An announcer the test makes fail: its next applies throw, its status reports FAILED, or its close hangs.
 */
final class FlakyAnnouncerFactory extends L2KindFactory {

    /** Every state handed over, failed attempts included. */
    final List<AnnouncerState> attempts = new CopyOnWriteArrayList<>();
    /** How many of the next applies throw. */
    final AtomicInteger failingApplies = new AtomicInteger();
    /** While set, status reports every advertisement FAILED with {@link #STATUS_FAILURE}. */
    final AtomicBoolean failingStatus = new AtomicBoolean();
    /** While set, close() blocks until {@link #release} opens. */
    final AtomicBoolean hangOnClose = new AtomicBoolean();
    final CountDownLatch release = new CountDownLatch(1);
    static final String STATUS_FAILURE = "cannot capture on interface eth0: Operation not permitted";

    FlakyAnnouncerFactory() {
        super("layer2");
    }



    @Override
    public Announcer create(PluginContext context) {
        return new Announcer() {
            private volatile AnnouncerState last = AnnouncerState.empty();

            @Override
            public void apply(AnnouncerState desired) {
                attempts.add(desired);
                if (failingApplies.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    throw new IllegalStateException("link is gone");
                }
                last = desired;
            }

            @Override
            public List<AnnouncementStatus> status() {
                return last.advertisements().stream().map(ad -> failingStatus.get()
                        ? new AnnouncementStatus(ad.service(), ad.address(), AnnouncementStatus.State.FAILED, List.of(),
                        STATUS_FAILURE)
                        : new AnnouncementStatus(ad.service(), ad.address(), true, List.of("eth0"), "owner")).toList();
            }

            @Override
            public void close() {
                if (hangOnClose.get()) {
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
            }
        };
    }
}
