package io.barelb.runtime.speaker;

import io.barelb.runtime.config.HealthCheckSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * An HTTP/1.1 GET of the check's path over one fresh connection ({@code Connection: close}), TLS when the scheme is
 * HTTPS; success when the status is 200 to 399, as Kubernetes' httpGet probes count. The whole exchange (connect,
 * handshake, request, status line) must finish within the timeout. With {@code serverName}, TLS sends that name and
 * verifies the certificate against it while connecting to {@code host} (kube-apiserver's certificate names
 * {@code kubernetes}, not {@code 127.0.0.1}). Thread-safe; the TLS context is built once.
 */
final class HttpProbe implements Probe {

    private final HealthCheckSpec spec;
    private final HealthCheckSpec.Http http;
    private final Clock clock;
    private SSLContext tls;

    HttpProbe(HealthCheckSpec spec, HealthCheckSpec.Http http, Clock clock) {
        this.spec = spec;
        this.http = http;
        this.clock = clock;
    }

    @Override
    public Result run() {
        SSLContext context;
        try {
            // built once, before the clock starts: the JDK's first TLS set-up is slow and is no backend's fault
            context = http.tls() ? context() : null;
        } catch (IOException | GeneralSecurityException e) {
            return new Result(false, Duration.ZERO, "TLS setup: " + e.getMessage());
        }
        Instant start = clock.instant();
        long deadline = System.nanoTime() + spec.timeout().toNanos();
        try (Socket plain = new Socket()) {
            plain.connect(new InetSocketAddress(spec.host(), spec.port()), TcpProbe.timeoutMillis(spec));
            plain.setSoTimeout(remainingMillis(deadline));
            Socket socket = http.tls() ? handshake(context, plain, deadline) : plain;
            String status = exchange(socket, deadline);
            return judge(status, Duration.between(start, clock.instant()));
        } catch (SSLException e) {
            return new Result(false, Duration.between(start, clock.instant()), "TLS: " + e.getMessage());
        } catch (IOException e) {
            return new Result(false, Duration.between(start, clock.instant()), TcpProbe.reason(e, spec));
        }
    }

    private Socket handshake(SSLContext context, Socket plain, long deadline) throws IOException {
        String name = http.serverName().orElse(spec.host());
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(plain, name, spec.port(), true);
        SSLParameters parameters = socket.getSSLParameters();
        if (!http.insecureSkipVerify()) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (http.serverName().isPresent()) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        socket.setSSLParameters(parameters);
        socket.setSoTimeout(remainingMillis(deadline));
        socket.startHandshake();
        return socket;
    }

    private String exchange(Socket socket, long deadline) throws IOException {
        String host = http.serverName().orElse(spec.host().contains(":") ? "[" + spec.host() + "]" : spec.host());
        String request = "GET " + http.path() + " HTTP/1.1\r\nHost: " + host + ":" + spec.port()
                + "\r\nUser-Agent: barelb-health-check\r\nAccept: */*\r\nConnection: close\r\n\r\n";
        OutputStream out = socket.getOutputStream();
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        socket.setSoTimeout(remainingMillis(deadline));
        InputStream in = socket.getInputStream();
        String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.ISO_8859_1), 256).readLine();
        return line == null ? "" : line;
    }

    private static Result judge(String statusLine, Duration latency) {
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
            return new Result(false, latency, "not an HTTP answer: \"" + abbreviate(statusLine) + "\"");
        }
        int code;
        try {
            code = Integer.parseInt(parts[1]);
        } catch (NumberFormatException e) {
            return new Result(false, latency, "not an HTTP status: \"" + abbreviate(statusLine) + "\"");
        }
        return new Result(code >= 200 && code < 400, latency, "HTTP " + code);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static int remainingMillis(long deadline) throws java.net.SocketTimeoutException {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new java.net.SocketTimeoutException("deadline passed");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private synchronized SSLContext context() throws IOException, GeneralSecurityException {
        if (tls != null) {
            return tls;
        }
        SSLContext context = SSLContext.getInstance("TLS");
        TrustManager[] trust = null;
        if (http.insecureSkipVerify()) {
            trust = new TrustManager[] {new AnyCertificate()};
        } else if (http.caFile().isPresent()) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            int index = 0;
            try (InputStream in = Files.newInputStream(http.caFile().get())) {
                for (Certificate certificate : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
                    store.setCertificateEntry("ca-" + index++, certificate);
                }
            }
            if (index == 0) {
                throw new GeneralSecurityException(http.caFile().get() + " holds no PEM certificate");
            }
            TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            factory.init(store);
            trust = factory.getTrustManagers();
        }
        context.init(null, trust, null);
        tls = context;
        return context;
    }

    /** Trusts every certificate: {@code insecureSkipVerify: true}, chosen by the operator. */
    private static final class AnyCertificate implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
