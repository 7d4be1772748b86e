package io.barelb.embedded;

import io.fabric8.mockwebserver.http.MockResponse;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A request path of the Kubernetes API taken apart: {@code /api/v1/namespaces/default/services/nginx?watch=true}
 * has resource {@code services}, name {@code nginx} and the query. Pure, immutable.
 *
 * @param path     the path without the query
 * @param query    the query without {@code ?}, or empty
 * @param resource the resource (plural) addressed, or null for a discovery or other path
 * @param name        the object's name, or null for a collection
 * @param subresource the subresource addressed ({@code status}), or null
 */
record ApiPaths(String path, String query, String resource, String name, String subresource) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    static ApiPaths of(String full) {
        String text = full == null ? "" : full;
        int mark = text.indexOf('?');
        String path = mark < 0 ? text : text.substring(0, mark);
        String query = mark < 0 ? "" : text.substring(mark + 1);
        String rest = path.startsWith("/api/v1/") ? path.substring("/api/v1/".length())
                : path.startsWith("/apis/") ? afterGroupVersion(path.substring("/apis/".length())) : null;
        if (rest == null || rest.isEmpty()) {
            return new ApiPaths(path, query, null, null, null);
        }
        String[] segments = rest.split("/");
        int start = segments[0].equals("namespaces") && segments.length >= 3 ? 2 : 0;
        return new ApiPaths(path, query, segments[start], segments.length > start + 1 ? segments[start + 1] : null,
                segments.length > start + 2 ? segments[start + 2] : null);
    }

    private static String afterGroupVersion(String rest) {
        String[] parts = rest.split("/", 3);
        return parts.length < 3 ? null : parts[2];
    }

    /** The API group of the path ({@code apps} of {@code /apis/apps/v1/...}); empty for the core group. */
    String group() {
        String[] segments = path.split("/");
        return segments.length > 2 && segments[1].equals("apis") ? segments[2] : "";
    }

    /** The version of the path ({@code v1} of {@code /apis/apps/v1/...} and {@code /api/v1/...}), or empty. */
    String version() {
        String[] segments = path.split("/");
        int at = segments.length > 1 && segments[1].equals("apis") ? 3 : 2;
        return segments.length > at ? segments[at] : "";
    }

    /** True for a watch request. */
    boolean watch() {
        String value = query("watch");
        return "true".equals(value) || "1".equals(value);
    }

    /** The decoded value of query parameter {@code key}, or null. */
    String query(String key) {
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            String name = equals < 0 ? pair : pair.substring(0, equals);
            if (name.equals(key)) {
                return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** The path and query with parameter {@code key} left out. */
    String withoutQueryParameter(String key) {
        List<String> kept = new ArrayList<>();
        for (String pair : query.split("&")) {
            if (!pair.isEmpty() && !pair.equals(key) && !pair.startsWith(key + "=")) {
                kept.add(pair);
            }
        }
        return kept.isEmpty() ? path : path + "?" + String.join("&", kept);
    }

    /** A {@code meta/v1 Status} failure response. */
    static MockResponse status(int code, String reason, String message) {
        ObjectNode status = JSON.createObjectNode();
        status.put("kind", "Status");
        status.put("apiVersion", "v1");
        status.putObject("metadata");
        status.put("status", "Failure");
        status.put("message", message);
        status.put("reason", reason);
        status.put("code", code);
        return new MockResponse().setResponseCode(code).setHeader("Content-Type", "application/json")
                .setBody(JSON.writeValueAsString(status));
    }
}
