package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.barelb.runtime.config.HealthCheckSpec;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The probes against real servers on loopback: a TCP listener, the JDK's HTTP server, and its HTTPS server with a
 * certificate made by keytool for the name {@code kubernetes} (as kube-apiserver's carries), so verification by a
 * CA file and a server name is exercised for real.
 */
class ProbeTest {

    @TempDir
    static Path pki;
    private static SSLContext serverTls;
    private HttpServer server;

    @BeforeAll
    static void makeCertificate() throws Exception {
        String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
        run(keytool, "-genkeypair", "-alias", "apiserver", "-keyalg", "EC", "-groupname", "secp256r1", "-dname",
                "CN=kube-apiserver", "-ext", "SAN=dns:kubernetes", "-validity", "2", "-keystore",
                pki.resolve("server.p12").toString(), "-storetype", "PKCS12", "-storepass", "changeit");
        run(keytool, "-exportcert", "-rfc", "-alias", "apiserver", "-keystore", pki.resolve("server.p12").toString(),
                "-storepass", "changeit", "-file", pki.resolve("ca.crt").toString());
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(pki.resolve("server.p12"))) {
            store.load(in, "changeit".toCharArray());
        }
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(store, "changeit".toCharArray());
        serverTls = SSLContext.getInstance("TLS");
        serverTls.init(keys.getKeyManagers(), null, null);
    }

    private static void run(String... command) throws Exception {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** Roomy timeouts: the test servers' first answers are slow on a busy machine. */
    private static HealthCheckSpec spec(int port, Optional<HealthCheckSpec.Http> http) {
        return new HealthCheckSpec("test", "127.0.0.1", port, http, Duration.ofSeconds(10), Duration.ofSeconds(10), 1, 1);
    }

    private static HealthCheckSpec spec(int port, Optional<HealthCheckSpec.Http> http, Duration timeout) {
        return new HealthCheckSpec("test", "127.0.0.1", port, http, Duration.ofSeconds(10), timeout, 1, 1);
    }

    private static HealthCheckSpec tlsSpec(int port, HealthCheckSpec.Http http) {
        return spec(port, Optional.of(http));
    }

    private static HealthCheckSpec.Http http(String path) {
        return new HealthCheckSpec.Http(path, false, false, Optional.empty(), Optional.empty());
    }

    private int serve(HttpServer created) {
        server = created;
        server.createContext("/readyz", exchange -> {
            exchange.sendResponseHeaders(200, 2);
            exchange.getResponseBody().write("ok".getBytes());
            exchange.close();
        });
        server.createContext("/broken", exchange -> {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
        });
        server.start();
        return server.getAddress().getPort();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    @Test
    void tcpSucceedsWhileSomethingListensAndIsRefusedOtherwise() throws IOException {
        int port;
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = listener.getLocalPort();
            Probe.Result up = Probe.of(spec(port, Optional.empty()), Clock.systemUTC()).run();
            assertThat(up.success()).isTrue();
            assertThat(up.detail()).isEqualTo("TCP connected");
            assertThat(up.latency().isNegative()).isFalse();
        }

        Probe.Result down = Probe.of(spec(port, Optional.empty()), Clock.systemUTC()).run();

        assertThat(down).extracting(Probe.Result::success, Probe.Result::detail).containsExactly(false, "connection refused");
    }

    @Test
    void httpCountsStatus200To399AsSuccessAndNamesTheStatusOtherwise() throws IOException {
        int port = serve(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));

        assertThat(Probe.of(spec(port, Optional.of(http("/readyz"))), Clock.systemUTC()).run())
                .extracting(Probe.Result::success, Probe.Result::detail).containsExactly(true, "HTTP 200");
        assertThat(Probe.of(spec(port, Optional.of(http("/broken"))), Clock.systemUTC()).run())
                .extracting(Probe.Result::success, Probe.Result::detail).containsExactly(false, "HTTP 503");
        assertThat(Probe.of(spec(port, Optional.of(http("/nothing"))), Clock.systemUTC()).run())
                .extracting(Probe.Result::success, Probe.Result::detail).containsExactly(false, "HTTP 404");
    }

    @Test
    void aServerThatAcceptsButNeverAnswersTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket ignored = silent.accept()) {
                    Thread.sleep(5_000);
                } catch (IOException | InterruptedException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            Probe.Result result = Probe.of(spec(silent.getLocalPort(), Optional.of(http("/readyz")), Duration.ofMillis(500)),
                    Clock.systemUTC()).run();

            assertThat(result.success()).isFalse();
            assertThat(result.detail()).isEqualTo("timed out after 500 ms");
            acceptor.interrupt();
        }
    }

    @Test
    void aServerThatSpeaksSomethingElseIsNoHttpAnswer() throws Exception {
        try (ServerSocket other = new ServerSocket(0, 5, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket socket = other.accept()) {
                    socket.getOutputStream().write("SSH-2.0-OpenSSH_9.2\r\n".getBytes());
                } catch (IOException e) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();

            Probe.Result result = Probe.of(spec(other.getLocalPort(), Optional.of(http("/readyz"))), Clock.systemUTC()).run();

            assertThat(result).extracting(Probe.Result::success, Probe.Result::detail)
                    .containsExactly(false, "not an HTTP answer: \"SSH-2.0-OpenSSH_9.2\"");
        }
    }

    @Test
    void httpsVerifiesTheCertificateAgainstTheCaFileAndTheServerName() throws IOException {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        https.setHttpsConfigurator(new HttpsConfigurator(serverTls));
        int port = serve(https);
        Optional<Path> ca = Optional.of(pki.resolve("ca.crt"));

        Probe.Result verified = Probe.of(tlsSpec(port, new HealthCheckSpec.Http("/readyz", true, false, ca,
                Optional.of("kubernetes"))), Clock.systemUTC()).run();
        Probe.Result wrongName = Probe.of(tlsSpec(port, new HealthCheckSpec.Http("/readyz", true, false, ca,
                Optional.empty())), Clock.systemUTC()).run();
        Probe.Result unknownCa = Probe.of(tlsSpec(port, new HealthCheckSpec.Http("/readyz", true, false,
                Optional.empty(), Optional.of("kubernetes"))), Clock.systemUTC()).run();
        Probe.Result insecure = Probe.of(tlsSpec(port, new HealthCheckSpec.Http("/readyz", true, true,
                Optional.empty(), Optional.empty())), Clock.systemUTC()).run();

        assertThat(verified).extracting(Probe.Result::success, Probe.Result::detail).containsExactly(true, "HTTP 200");
        assertThat(wrongName.success()).as("the certificate names kubernetes, not 127.0.0.1").isFalse();
        assertThat(wrongName.detail()).startsWith("TLS: ");
        assertThat(unknownCa.success()).as("the JDK's CAs do not know the cluster's CA").isFalse();
        assertThat(unknownCa.detail()).startsWith("TLS: ");
        assertThat(insecure).extracting(Probe.Result::success, Probe.Result::detail).containsExactly(true, "HTTP 200");
        assertThat(List.of(verified, insecure)).allSatisfy(r -> assertThat(r.latency().isNegative()).isFalse());
    }

    @Test
    void aPortNothingListensOnFailsEveryKindOfProbe() throws IOException {
        int port = freePort();

        assertThat(Probe.of(spec(port, Optional.of(http("/readyz"))), Clock.systemUTC()).run().detail())
                .isEqualTo("connection refused");
    }
}
