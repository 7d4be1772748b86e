package io.barelb.runtime.host;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Answers {@code GET /healthz} and {@code GET /readyz} from {@link HealthChecks}: 200 when every check passes,
 * 503 otherwise, with a text body naming each check; {@code GET /status} from the process's status page (JSON), if it
 * has one; any other path is 404. Served next to {@code /metrics}.
 */
final class HealthEndpoint implements HttpHandler {

    private final HealthChecks checks;
    private final java.util.Optional<java.util.function.Supplier<String>> status;

    HealthEndpoint(HealthChecks checks, java.util.Optional<java.util.function.Supplier<String>> status) {
        this.checks = checks;
        this.status = status;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/status") && status.isPresent()) {
                answer(exchange, 200, status.get().get(), "application/json");
                return;
            }
            HealthChecks.Report report = switch (path) {
                case "/healthz", "/livez" -> checks.liveness();
                case "/readyz" -> checks.readiness();
                default -> null;
            };
            if (report == null) {
                answer(exchange, 404, "not found: " + path + " (try /metrics, /healthz or /readyz)\n");
            } else if (!exchange.getRequestMethod().equals("GET") && !exchange.getRequestMethod().equals("HEAD")) {
                answer(exchange, 405, "only GET and HEAD are served on " + path + "\n");
            } else {
                answer(exchange, report.passing() ? 200 : 503, report.body());
            }
        }
    }

    private static void answer(HttpExchange exchange, int status, String body) throws IOException {
        answer(exchange, status, body, "text/plain");
    }

    private static void answer(HttpExchange exchange, int status, String body, String type) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
