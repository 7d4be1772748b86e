package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The rise/fall state machine, driven by outcomes alone. */
class HealthStateTest {

    @Test
    void aNewBackendIsHealthyOnlyAfterRiseSuccessesInARow() {
        HealthState state = new HealthState(3, 2);
        assertThat(state.summary()).isEqualTo("backend not checked yet");

        assertThat(state.record(true, "HTTP 200")).isFalse();
        assertThat(state.record(true, "HTTP 200")).isFalse();
        assertThat(state.status()).isEqualTo(HealthState.Status.UNKNOWN);
        assertThat(state.summary()).isEqualTo("backend not healthy yet (2/3)");
        assertThat(state.record(true, "HTTP 200")).isTrue();

        assertThat(state.healthy()).isTrue();
        assertThat(state.summary()).isEqualTo("backend healthy (3/3)");
    }

    @Test
    void aNewBackendThatFailsIsFailingAtOnce() {
        HealthState state = new HealthState(2, 3);

        assertThat(state.record(false, "connection refused")).isTrue();

        assertThat(state.status()).isEqualTo(HealthState.Status.FAILING);
        assertThat(state.summary()).isEqualTo("backend failing (fall 1): connection refused");
    }

    @Test
    void aHealthyBackendFallsAfterFallFailuresInARowAndASuccessResetsTheCount() {
        HealthState state = new HealthState(1, 3);
        state.record(true, "TCP connected");

        assertThat(state.record(false, "connection refused")).isFalse();
        assertThat(state.record(false, "connection refused")).isFalse();
        assertThat(state.record(true, "TCP connected")).as("a success in between starts the count over").isFalse();
        assertThat(state.record(false, "timed out after 500 ms")).isFalse();
        assertThat(state.record(false, "timed out after 500 ms")).isFalse();
        assertThat(state.healthy()).isTrue();
        assertThat(state.record(false, "timed out after 500 ms")).isTrue();

        assertThat(state.healthy()).isFalse();
        assertThat(state.summary()).isEqualTo("backend failing (fall 3): timed out after 500 ms");
        assertThat(state.record(false, "connection refused")).as("failing stays failing").isFalse();
        assertThat(state.summary()).isEqualTo("backend failing (fall 3): connection refused");
    }

    @Test
    void aFailingBackendRisesAgainAfterRiseSuccesses() {
        HealthState state = new HealthState(2, 1);
        state.record(true, "HTTP 200");
        state.record(true, "HTTP 200");
        state.record(false, "HTTP 503");

        assertThat(state.record(true, "HTTP 200")).isFalse();
        assertThat(state.summary()).isEqualTo("backend failing (rising 1/2): HTTP 200");
        assertThat(state.record(true, "HTTP 200")).isTrue();

        assertThat(state.summary()).isEqualTo("backend healthy (2/2)");
    }

    @Test
    void riseAndFallMustBePositive() {
        assertThatThrownBy(() -> new HealthState(0, 3)).hasMessageContaining("at least 1");
    }
}
