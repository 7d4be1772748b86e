package io.barelb.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.PrometheusMetrics;
import java.io.Closeable;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code barelb status} against speakers' real metrics endpoints ({@link PrometheusMetrics#serve}, whose
 * {@code /status} serves the document given here in the format the speaker writes): who holds each address, the
 * exit code that says whether one node holds it, and one line instead of a stack trace when no speaker answers.
 */
@Timeout(60)
class StatusCommandTest {

    private final List<Closeable> servers = new ArrayList<>();

    @AfterEach
    void stop() throws IOException {
        for (Closeable server : servers) {
            server.close();
        }
    }

    private static CliRun run(String... args) {
        return CliRun.of(args);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /** A speaker's endpoint answering {@code /status} with node {@code node} in {@code state} for 203.0.113.10. */
    private String speaker(String node, String state, String reason, String check) throws IOException {
        String page = """
                {"node":"%s","addresses":[{"address":"203.0.113.10","owner":"VirtualIP/api","protocol":"layer2",
                "state":"%s","reason":"%s","where":["eth0"]}],"healthChecks":[{"name":"apiserver",
                "target":"HTTPS GET 127.0.0.1:6443/readyz","status":"%s","summary":"%s","lastLatencySeconds":0.0042}]}
                """.formatted(node, state, reason, check, reason);
        int port = freePort();
        servers.add(PrometheusMetrics.standalone().serve(port, new HealthChecks(), Optional.of(() -> page)));
        return "127.0.0.1:" + port;
    }

    @Test
    void itSaysWhichNodeHoldsTheAddressAndWhy() throws IOException {
        String one = speaker("cp-1", "HELD", "backend healthy (2/2)", "HEALTHY");
        String two = speaker("cp-2", "WITHHELD", "backend failing (fall 3): connection refused", "FAILING");

        CliRun run = run("status", "--speaker", one, "--speaker", two);

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("203.0.113.10 (layer2): held by cp-1")
                .containsPattern("cp-2 +203\\.0\\.113\\.10 +VirtualIP/api +layer2 +WITHHELD +backend failing \\(fall 3\\)")
                .containsPattern("cp-1 +apiserver +HTTPS GET 127\\.0\\.0\\.1:6443/readyz +HEALTHY +4\\.2 ms");
    }

    @Test
    void twoHoldersOrNoneAmongSeveralSpeakersIsExitOne() throws IOException {
        String one = speaker("cp-1", "HELD", "backend healthy (2/2)", "HEALTHY");
        String two = speaker("cp-2", "HELD", "backend healthy (2/2)", "HEALTHY");
        String three = speaker("cp-3", "WITHHELD", "backend not checked yet", "UNKNOWN");
        String four = speaker("cp-4", "STANDBY", "owner is cp-5", "HEALTHY");

        CliRun both = run("status", "--speaker", one, "--speaker", two);
        CliRun none = run("status", "--speaker", three, "--speaker", four);

        assertThat(both.exitCode()).isEqualTo(1);
        assertThat(both.out()).contains("203.0.113.10 (layer2): held by cp-1 and cp-2 at once: more than one owner");
        assertThat(none.exitCode()).isEqualTo(1);
        assertThat(none.out()).contains("203.0.113.10 (layer2): held by none of the 2 speakers asked");
    }

    @Test
    void aSpeakerThatDoesNotAnswerIsOneLineNotAStackTrace() throws IOException {
        String up = speaker("cp-1", "HELD", "backend healthy (2/2)", "HEALTHY");
        String down = "127.0.0.1:" + freePort();

        CliRun partial = run("status", "--speaker", up, "--speaker", down);
        CliRun nothing = run("status", "--speaker", down);

        assertThat(partial.exitCode()).isEqualTo(1);
        assertThat(partial.out()).contains("held by cp-1");
        assertThat(partial.err()).startsWith("warning: speaker at " + down + " did not answer (connection refused)");
        assertThat(nothing.exitCode()).isEqualTo(2);
        assertThat(nothing.err()).startsWith("error [NetworkFailure]: speaker at " + down
                + " did not answer (connection refused); is barelb speaker running there").doesNotContain("\tat ");
        assertThat(nothing.err().lines().count()).isEqualTo(1);
    }

    @Test
    void helpDescribesTheCommand() {
        CliRun run = run("status", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--speaker=HOST[:PORT]").contains("Show which node holds");
    }
}
