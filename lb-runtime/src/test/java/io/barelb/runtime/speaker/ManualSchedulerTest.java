package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ManualSchedulerTest {

    private final ManualScheduler scheduler = new ManualScheduler();

    @Test
    void aCallableRunsWhenItsTimeComesAndHandsBackItsValueOrItsFailure() throws Exception {
        ScheduledFuture<String> value = scheduler.schedule(() -> "ran", 5, TimeUnit.SECONDS);
        ScheduledFuture<String> failing = scheduler.schedule(() -> {
            throw new IllegalStateException("boom");
        }, 5, TimeUnit.SECONDS);
        scheduler.advance(Duration.ofSeconds(4));
        assertThat(value.isDone()).isFalse();
        assertThat(value.getDelay(TimeUnit.SECONDS)).isEqualTo(1);
        scheduler.advance(Duration.ofSeconds(1));
        assertThat(value.isDone()).isTrue();
        assertThat(value.get()).isEqualTo("ran");
        assertThatThrownBy(failing::get).isInstanceOf(ExecutionException.class).hasRootCauseMessage("boom");
    }
}
