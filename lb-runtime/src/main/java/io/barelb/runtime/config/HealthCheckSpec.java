package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.Durations;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code HealthCheck} ({@code barelb.io/v1beta1}, owned by the runtime): how a speaker tells whether the backend
 * on its own node works, so that the node is a candidate for the addresses that name the check only while it does.
 * Immutable.
 *
 * <pre>
 * spec:
 *   port: 6443              # required
 *   host: 127.0.0.1         # default: this node's loopback
 *   http:                   # an HTTP(S) GET; without it, a TCP connect
 *     path: /readyz
 *     scheme: HTTPS         # HTTP (default) or HTTPS
 *     insecureSkipVerify: false
 *     caFile: /etc/kubernetes/pki/ca.crt
 *     serverName: kubernetes
 *   interval: 1s            # default 1s
 *   timeout: 500ms          # default 500ms, at most the interval
 *   rise: 2                 # default 2
 *   fall: 3                 # default 3
 * </pre>
 *
 * @param name     the resource's name, which addresses refer to
 * @param host     the address probed
 * @param port     the port probed
 * @param http     the HTTP(S) request, or empty for a TCP connect
 * @param interval time between the starts of two probes
 * @param timeout  how long one probe may take before it counts as failed
 * @param rise     consecutive successes that make a failing backend healthy
 * @param fall     consecutive failures that make a healthy backend failing
 */
public record HealthCheckSpec(String name, String host, int port, Optional<Http> http, Duration interval,
                              Duration timeout, int rise, int fall) {

    public static final String KIND = "HealthCheck";
    static final Set<String> FIELDS = Set.of("port", "host", "http", "interval", "timeout", "rise", "fall");
    static final Set<String> HTTP_FIELDS = Set.of("path", "scheme", "insecureSkipVerify", "caFile", "serverName");
    static final String DEFAULT_HOST = "127.0.0.1";
    static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(1);
    static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(500);
    static final int DEFAULT_RISE = 2;
    static final int DEFAULT_FALL = 3;

    public HealthCheckSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(http, "http");
    }

    /**
     * An HTTP(S) GET of {@code path}; a status from 200 to 399 is a success, as Kubernetes' httpGet probes count.
     *
     * @param path               the request path, starting with {@code /}
     * @param tls                HTTPS
     * @param insecureSkipVerify accept any server certificate (HTTPS only)
     * @param caFile             the PEM file of the CA the server certificate must chain to; empty: the JDK's CAs
     * @param serverName         the name the certificate must carry and the TLS server name sent; empty: the host
     */
    public record Http(String path, boolean tls, boolean insecureSkipVerify, Optional<Path> caFile,
                       Optional<String> serverName) {
    }

    /** What the check does, for logs and status: {@code HTTPS GET 127.0.0.1:6443/readyz} or {@code TCP 127.0.0.1:22}. */
    public String describe() {
        String target = (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
        return http.map(h -> (h.tls() ? "HTTPS" : "HTTP") + " GET " + target + h.path()).orElse("TCP connect " + target);
    }

    /**
     * The check of a validated resource.
     *
     * @throws IllegalArgumentException with the problems, if it was not valid
     */
    public static HealthCheckSpec of(ConfigResource resource) {
        Problems problems = new Problems();
        Optional<HealthCheckSpec> spec = read(resource, problems);
        if (spec.isEmpty()) {
            throw new IllegalArgumentException(problems.list().stream().map(ConfigProblem::message).toList().toString());
        }
        return spec.get();
    }

    /** Reads one resource, adding each problem to {@code problems}; empty if there was any. */
    static Optional<HealthCheckSpec> read(ConfigResource resource, Problems problems) {
        int before = problems.list().size();
        ConfigView spec = resource.spec();
        problems.unknownKeys(spec, FIELDS);
        Optional<Long> port = problems.integerIn(spec, "port", 1, 65535);
        if (!spec.has("port")) {
            problems.at(spec, "port", "", "is required: the port the backend listens on, e.g. 6443 for kube-apiserver");
        }
        String host = problems.read(() -> spec.string("host")).orElse(DEFAULT_HOST);
        if (IpAddress.tryParse(host) == null) {
            problems.at(spec, "host", host, "must be an IP address (the backend on this node, e.g. 127.0.0.1); "
                    + "host names are not resolved");
        }
        Optional<Http> http = problems.read(() -> spec.child("http")).flatMap(view -> http(view, problems));
        Duration interval = duration(spec, "interval", DEFAULT_INTERVAL, problems);
        Duration timeout = duration(spec, "timeout", DEFAULT_TIMEOUT, problems);
        if (timeout.compareTo(interval) > 0) {
            problems.at(spec, "timeout", spec.string("timeout").orElse(timeout.toMillis() + "ms"),
                    "must not be longer than the interval (" + interval.toMillis() + "ms): shorten it or lengthen interval");
        }
        long rise = problems.integerIn(spec, "rise", 1, 100).orElse((long) DEFAULT_RISE);
        long fall = problems.integerIn(spec, "fall", 1, 100).orElse((long) DEFAULT_FALL);
        if (problems.list().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new HealthCheckSpec(resource.name(), host, port.orElseThrow().intValue(), http, interval,
                timeout, (int) rise, (int) fall));
    }

    private static Optional<Http> http(ConfigView view, Problems problems) {
        int before = problems.list().size();
        problems.unknownKeys(view, HTTP_FIELDS);
        String path = problems.read(() -> view.string("path")).orElse("");
        if (!path.startsWith("/") || path.chars().anyMatch(c -> c <= ' ' || c == 127)) {
            problems.at(view, "path", path, "must be a request path starting with / and without spaces, e.g. /readyz");
        }
        String scheme = problems.read(() -> view.string("scheme")).orElse("HTTP");
        if (!List.of("HTTP", "HTTPS").contains(scheme)) {
            problems.at(view, "scheme", scheme, "must be HTTP or HTTPS");
        }
        boolean tls = scheme.equals("HTTPS");
        boolean insecure = problems.read(() -> view.bool("insecureSkipVerify")).orElse(false);
        Optional<String> caFile = problems.read(() -> view.string("caFile"));
        Optional<String> serverName = problems.read(() -> view.string("serverName"));
        if (!tls) {
            for (String key : List.of("insecureSkipVerify", "caFile", "serverName")) {
                if (view.has(key)) {
                    problems.at(view, key, String.valueOf(view.raw(key).orElse("")),
                            "applies to HTTPS only: set scheme: HTTPS or remove it");
                }
            }
        }
        if (insecure && (caFile.isPresent() || serverName.isPresent())) {
            problems.at(view, "insecureSkipVerify", "true", "skips verification, so caFile and serverName would be "
                    + "ignored: remove insecureSkipVerify, or remove caFile and serverName");
        }
        if (caFile.isPresent() && !caFile.get().startsWith("/")) {
            problems.at(view, "caFile", caFile.get(), "must be an absolute path, e.g. /etc/kubernetes/pki/ca.crt");
        }
        if (problems.list().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new Http(path, tls, insecure, caFile.map(Path::of), serverName));
    }

    private static Duration duration(ConfigView spec, String key, Duration fallback, Problems problems) {
        Optional<String> text = problems.read(() -> spec.string(key));
        if (text.isEmpty()) {
            return fallback;
        }
        Optional<Duration> parsed = Durations.parse(text.get());
        if (parsed.isEmpty() || parsed.get().compareTo(Duration.ofMillis(10)) < 0
                || parsed.get().compareTo(Duration.ofMinutes(10)) > 0) {
            problems.at(spec, key, text.get(), "must be a duration from 10ms to 10m, e.g. 1s or 500ms");
            return fallback;
        }
        return parsed.get();
    }
}
