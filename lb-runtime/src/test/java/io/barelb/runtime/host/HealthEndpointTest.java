package io.barelb.runtime.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.HealthChecks.Result;
import java.io.Closeable;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** /healthz and /readyz next to /metrics on one port: 200 or 503, with a body that names every check. */
@Timeout(30)
class HealthEndpointTest {

    @Test
    void readyzFailsNamingTheFailingCheckAndRecoversWhenItPasses() throws Exception {
        AtomicBoolean synced = new AtomicBoolean();
        HealthChecks checks = new HealthChecks()
                .live("process", () -> Result.ok("running"))
                .ready("informers", () -> synced.get() ? Result.ok("synced") : Result.failing("waiting for the first list"));
        PrometheusMetrics metrics = PrometheusMetrics.standalone();
        metrics.counter("barelb_test_things", "things", Map.of()).add(3);
        int port = Http.freePort();
        try (Closeable server = metrics.serve(port, checks)) {
            Http.Answer live = Http.get(port, "/healthz");
            assertThat(live.status()).isEqualTo(200);
            assertThat(live.body()).contains("[+]process ok: running").endsWith("healthz check passed\n")
                    .doesNotContain("informers");

            Http.Answer notReady = Http.get(port, "/readyz");
            assertThat(notReady.status()).isEqualTo(503);
            assertThat(notReady.body()).contains("[+]process ok: running")
                    .contains("[-]informers failed: waiting for the first list").endsWith("readyz check failed\n");

            synced.set(true);
            Http.Answer ready = Http.get(port, "/readyz");
            assertThat(ready.status()).isEqualTo(200);
            assertThat(ready.body()).contains("[+]informers ok: synced");

            assertThat(Http.get(port, "/metrics").body()).contains("barelb_test_things_total 3.0");
            assertThat(Http.get(port, "/nothing").status()).isEqualTo(404);
        }
    }

    @Test
    void aCheckThatThrowsFailsWithItsMessageAndNamesAreUnique() {
        HealthChecks checks = new HealthChecks().ready("announcers", () -> {
            throw new IllegalStateException("pcap handle closed");
        });
        HealthChecks.Report report = checks.readiness();
        assertThat(report.passing()).isFalse();
        assertThat(report.body()).contains("[-]announcers failed: IllegalStateException: pcap handle closed");
        assertThat(checks.liveness().passing()).isTrue();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> checks.live("announcers", () -> Result.ok("")))
                .hasMessageContaining("announcers is already registered");
    }
}
