package io.barelb.distribution.rbac;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The RBAC permission an HTTP request to the Kubernetes API needs, as the API server's request-info resolver
 * derives it: verb from method and path ({@code GET} of a collection is {@code list}, or {@code watch} with
 * {@code watch=true}), group, resource and subresource, namespace, and the object's name (for a list or watch,
 * the name of a {@code metadata.name} field selector).
 */
final class ApiRequest {

    private ApiRequest() {
    }

    /**
     * @return the permission, or null for a request RBAC does not judge this way (discovery, {@code /version})
     */
    static Access access(String account, String method, URI uri) {
        List<String> path = Arrays.stream(uri.getRawPath().split("/")).filter(s -> !s.isEmpty()).toList();
        String group;
        List<String> rest;
        if (path.size() >= 3 && path.get(0).equals("api")) {
            group = "";
            rest = path.subList(2, path.size());
        } else if (path.size() >= 4 && path.get(0).equals("apis")) {
            group = path.get(1);
            rest = path.subList(3, path.size());
        } else {
            return null;
        }
        String namespace = Access.ANY;
        if (rest.size() >= 3 && rest.get(0).equals("namespaces")) {
            namespace = rest.get(1);
            rest = rest.subList(2, rest.size());
        }
        String resource = rest.get(0);
        String name = rest.size() >= 2 ? rest.get(1) : Access.ANY;
        if (rest.size() >= 3) {
            resource = resource + "/" + rest.get(2);
        }
        if (resource.equals("namespaces") && !name.equals(Access.ANY)) {
            namespace = name;
        }
        boolean collection = name.equals(Access.ANY);
        String query = uri.getRawQuery() == null ? "" : URLDecoder.decode(uri.getRawQuery(), StandardCharsets.UTF_8);
        if (collection) {
            name = fieldSelectedName(query);
        }
        String verb = switch (method) {
            case "GET" -> !collection ? "get" : query.contains("watch=true") || query.contains("watch=1") ? "watch" : "list";
            case "POST" -> "create";
            case "PUT" -> "update";
            case "PATCH" -> "patch";
            case "DELETE" -> collection ? "deletecollection" : "delete";
            default -> method.toLowerCase(java.util.Locale.ROOT);
        };
        return new Access(account, namespace, group, resource, name, verb);
    }

    private static String fieldSelectedName(String query) {
        for (String parameter : query.split("&")) {
            if (parameter.startsWith("fieldSelector=")) {
                for (String selector : parameter.substring("fieldSelector=".length()).split(",")) {
                    if (selector.startsWith("metadata.name=")) {
                        return selector.substring("metadata.name=".length());
                    }
                }
            }
        }
        return Access.ANY;
    }
}
