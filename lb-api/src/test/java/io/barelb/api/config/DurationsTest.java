package io.barelb.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Go durations as Kubernetes writes them ({@code metav1.Duration}); moved here with the runtime's BGP rules. */
class DurationsTest {

    @Test
    void goDurationsParse() {
        assertThat(Durations.parse("1m30s")).hasValue(Duration.ofSeconds(90));
        assertThat(Durations.parse("300ms")).hasValue(Duration.ofMillis(300));
        assertThat(Durations.parse("0")).hasValue(Duration.ZERO);
        assertThat(Durations.parse("90")).isEmpty();
        assertThat(Durations.parse("5x")).isEmpty();
    }
}
