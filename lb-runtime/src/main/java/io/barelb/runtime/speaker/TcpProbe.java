package io.barelb.runtime.speaker;

import io.barelb.runtime.config.HealthCheckSpec;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** A TCP connect to the backend; success when the connection is accepted within the timeout. Thread-safe. */
final class TcpProbe implements Probe {

    private final HealthCheckSpec spec;
    private final Clock clock;

    TcpProbe(HealthCheckSpec spec, Clock clock) {
        this.spec = spec;
        this.clock = clock;
    }

    @Override
    public Result run() {
        Instant start = clock.instant();
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(spec.host(), spec.port()), timeoutMillis(spec));
            return new Result(true, Duration.between(start, clock.instant()), "TCP connected");
        } catch (IOException e) {
            return new Result(false, Duration.between(start, clock.instant()), reason(e, spec));
        }
    }

    static int timeoutMillis(HealthCheckSpec spec) {
        return (int) Math.max(1, spec.timeout().toMillis());
    }

    /** An I/O failure in an operator's words. */
    static String reason(IOException e, HealthCheckSpec spec) {
        if (e instanceof SocketTimeoutException) {
            return "timed out after " + spec.timeout().toMillis() + " ms";
        }
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return message.toLowerCase(java.util.Locale.ROOT).contains("connection refused") ? "connection refused" : message;
    }
}
