package io.barelb.runtime.kube;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Callable;
import io.barelb.testkit.HandClock;
import org.junit.jupiter.api.Test;

class ApiWaitTest {

    private final List<String> warnings = new ArrayList<>();
    private final List<String> infos = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final HandClock clock = new HandClock(Instant.parse("2026-12-03T00:00:00Z"));

    private final ApiWait.Reporter reporter = new ApiWait.Reporter() {
        @Override
        public void unreachable(String line) {
            warnings.add(line);
        }

        @Override
        public void reachable(String line) {
            infos.add(line);
        }
    };

    private ApiWait waitFor(Callable<String> probe) {
        return new ApiWait(probe, Duration.ofSeconds(5), duration -> {
            sleeps.add(duration);
            clock.advance(duration);
        }, clock, reporter, "Point it at a cluster.");
    }

    private static Callable<String> failingThenAnswering(Exception... failures) {
        Deque<Exception> left = new ArrayDeque<>(List.of(failures));
        return () -> {
            Exception next = left.poll();
            if (next != null) {
                throw next;
            }
            return "Kubernetes v1.33.0";
        };
    }

    private static KubernetesClientException refused() {
        return new KubernetesClientException("Operation: [get] failed at https://203.0.113.5:6443/version",
                new ConnectException());
    }

    @Test
    void anApiThatAnswersAtOnceGivesOneInfoLineAndNoWait() throws Exception {
        assertThat(waitFor(failingThenAnswering()).await()).isZero();

        assertThat(warnings).isEmpty();
        assertThat(sleeps).isEmpty();
        assertThat(infos).containsExactly("the Kubernetes API answers (Kubernetes v1.33.0)");
    }

    @Test
    void oneWarningNamesTheUrlAndTheReasonNotOnePerAttempt() throws Exception {
        KubernetesClientException[] failures = new KubernetesClientException[5];
        java.util.Arrays.setAll(failures, i -> refused());

        assertThat(waitFor(failingThenAnswering(failures)).await()).isEqualTo(5);

        assertThat(warnings).containsExactly("cannot reach the Kubernetes API (connection refused at"
                + " https://203.0.113.5:6443/version); retrying every 5 s. Point it at a cluster.");
        assertThat(sleeps).hasSize(5).containsOnly(Duration.ofSeconds(5));
        assertThat(infos).containsExactly("the Kubernetes API answers (Kubernetes v1.33.0) after 25 s and 5 failed attempts");
    }

    @Test
    void aChangedReasonIsSaidAgainAndALongOutageIsRemindedOnceAMinute() throws Exception {
        List<Exception> failures = new ArrayList<>();
        failures.add(new KubernetesClientException("Operation: [get] failed at https://api.example:6443/version",
                new UnknownHostException("api.example")));
        for (int i = 0; i < 30; i++) {
            failures.add(refused());
        }

        waitFor(failingThenAnswering(failures.toArray(Exception[]::new))).await();

        assertThat(warnings).hasSize(4);
        assertThat(warnings.get(0)).startsWith("cannot reach the Kubernetes API (unknown host api.example at https://api.example:6443/version)");
        assertThat(warnings.get(1)).startsWith("cannot reach the Kubernetes API (connection refused at");
        // refused from 5 s on: reminders at 65 s and 125 s, then it answers at 155 s
        assertThat(warnings.subList(2, 4)).containsExactly(
                "still cannot reach the Kubernetes API (connection refused at https://203.0.113.5:6443/version) after 65 s",
                "still cannot reach the Kubernetes API (connection refused at https://203.0.113.5:6443/version) after 125 s");
    }

    @Test
    void aFailureThatIsNotTheApisIsABugAndIsThrown() {
        ApiWait wait = waitFor(() -> {
            throw new IllegalStateException("bug");
        });

        assertThatThrownBy(wait::await).isInstanceOf(IllegalStateException.class).hasMessage("bug");
        assertThat(warnings).isEmpty();
    }
}
