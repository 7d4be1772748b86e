package io.barelb.runtime.controller;

import io.barelb.embedded.EmbeddedKubernetes;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the HTTP requests one fabric8 client sends, by method and resource ({@code PUT services/status},
 * {@code POST events}, {@code GET services} for one object, {@code LIST services}, {@code WATCH services}): an
 * {@link Interceptor} in the client's HTTP stack, so every request is seen whichever API server answers.
 * Thread-safe.
 */
final class ApiRequestCounter implements Interceptor {

    private static final Set<String> WRITES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();

    /** A client of {@code api} with the settings of {@link EmbeddedKubernetes#newClient()}, counted here. */
    KubernetesClient client(EmbeddedKubernetes api) {
        return new KubernetesClientBuilder()
                .withConfig(new ConfigBuilder(io.fabric8.kubernetes.client.Config.empty()).withMasterUrl(api.url())
                        .withTrustCerts(true).withNamespace("test").withHttp2Disable(true).build())
                .withHttpClientBuilderConsumer(builder -> builder.addOrReplaceInterceptor("count", this))
                .build();
    }

    @Override
    public void before(BasicBuilder builder, HttpRequest request, RequestTags tags) {
        counts.computeIfAbsent(kind(request.method(), request.uri().getPath(), request.uri().getQuery()),
                k -> new LongAdder()).increment();
    }

    /**
     * {@code METHOD resource[/subresource]}, where METHOD is LIST or WATCH for a GET of a collection; e.g.
     * {@code /api/v1/namespaces/a/services/b/status} with PUT is {@code PUT services/status}.
     */
    static String kind(String method, String path, String query) {
        String[] parts = path.replaceFirst("^/", "").split("/");
        int at = parts[0].equals("api") ? 2 : 3; // past api/v1 or apis/group/version
        if (at < parts.length && parts[at].equals("namespaces") && at + 2 < parts.length) {
            at += 2;
        }
        String resource = at < parts.length ? parts[at] : "";
        boolean named = at + 1 < parts.length;
        String subresource = at + 2 < parts.length ? "/" + parts[at + 2] : "";
        if (method.equals("GET") && !named) {
            method = query != null && query.contains("watch=true") ? "WATCH" : "LIST";
        }
        return method + " " + resource + subresource;
    }

    /** Every count so far, sorted by kind. */
    Map<String, Long> all() {
        Map<String, Long> all = new TreeMap<>();
        counts.forEach((kind, count) -> all.put(kind, count.sum()));
        return all;
    }

    /** The writes so far (POST, PUT, PATCH, DELETE), sorted by kind. */
    Map<String, Long> writes() {
        Map<String, Long> writes = new TreeMap<>();
        all().forEach((kind, count) -> {
            if (WRITES.contains(kind.substring(0, kind.indexOf(' ')))) {
                writes.put(kind, count);
            }
        });
        return writes;
    }

    /** The total of {@link #writes()}. */
    long totalWrites() {
        return writes().values().stream().mapToLong(Long::longValue).sum();
    }

    /** Forgets every count. */
    void reset() {
        counts.clear();
    }
}
