package io.barelb.runtime.kube;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.net.HttpURLConnection;
import java.util.Map;
import java.util.Optional;

/**
 * Writes and removes the annotation {@code metallb.io/ip-allocated-from-pool} that records which pool a Service's
 * addresses come from, as MetalLB's controller does. Each write is a JSON patch (RFC 6902) of that one
 * annotation: it never touches the spec, the status or any other annotation, and needs neither a strategic
 * merge patch nor the Service's resource version. Thread-safe.
 */
public final class AllocatedPoolAnnotation {

    /** The annotation's key. */
    public static final String KEY = "metallb.io/ip-allocated-from-pool";

    /** {@link #KEY} as a JSON pointer segment ({@code /} escaped as {@code ~1}, RFC 6901 §4). */
    private static final String POINTER = "/metadata/annotations/" + KEY.replace("~", "~0").replace("/", "~1");

    private final KubernetesClient client;

    public AllocatedPoolAnnotation(KubernetesClient client) {
        this.client = client;
    }

    /** The pool the Service records, if any. */
    public static Optional<String> read(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        return annotations == null ? Optional.empty() : Optional.ofNullable(annotations.get(KEY));
    }

    /**
     * Makes the annotation say {@code pool}, or removes it when {@code pool} is empty. Does nothing (no request)
     * when {@code cached} already says so. When {@code cached} is stale and the patch does not apply, the newest
     * object is read and the patch made again from it.
     *
     * @return true if a request was sent
     */
    public boolean write(Service cached, Optional<String> pool) {
        if (read(cached).equals(pool)) {
            return false;
        }
        try {
            patch(cached, pool);
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return true;
            }
        }
        Service fresh = client.services().inNamespace(cached.getMetadata().getNamespace())
                .withName(cached.getMetadata().getName()).get();
        if (fresh != null && !read(fresh).equals(pool)) {
            patch(fresh, pool);
        }
        return true;
    }

    private void patch(Service base, Optional<String> pool) {
        String operations;
        if (pool.isEmpty()) {
            operations = "[{\"op\":\"remove\",\"path\":\"" + POINTER + "\"}]";
        } else if (base.getMetadata().getAnnotations() == null) {
            operations = "[{\"op\":\"add\",\"path\":\"/metadata/annotations\",\"value\":{" + json(KEY) + ":"
                    + json(pool.get()) + "}}]";
        } else {
            operations = "[{\"op\":\"add\",\"path\":\"" + POINTER + "\",\"value\":" + json(pool.get()) + "}]";
        }
        client.services().inNamespace(base.getMetadata().getNamespace()).withName(base.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON), operations);
    }

    private String json(String text) {
        return client.getKubernetesSerialization().asJson(text);
    }
}
