package io.barelb.embedded;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The static discovery documents of the embedded API server, as JSON text. */
final class DiscoveryDocuments {

    /** The resources {@code kubectl get all} lists, as on a real cluster. */
    private static final java.util.Set<String> IN_ALL = java.util.Set.of("services", "pods", "deployments",
            "replicasets");

    private static final String VERSION = """
            {"major":"1","minor":"33","gitVersion":"v1.33.0-barelb-demo","gitCommit":"","gitTreeState":"clean",\
            "buildDate":"2026-01-01T00:00:00Z","goVersion":"","compiler":"","platform":"linux/amd64"}""";

    private static final String API = """
            {"kind":"APIVersions","versions":["v1"],\
            "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";

    private static final String V1 = "{\"kind\":\"APIResourceList\",\"groupVersion\":\"v1\",\"resources\":["
            + resource("services", "Service", true, "svc")
            + "," + subresource("services/status", "Service")
            + "," + resource("namespaces", "Namespace", false, "ns")
            + "," + resource("configmaps", "ConfigMap", true, "cm")
            + "," + resource("events", "Event", true, "ev")
            + "," + resource("endpoints", "Endpoints", true, "ep")
            + "," + resource("pods", "Pod", true, "po")
            + "," + resource("secrets", "Secret", true, "")
            + "," + resource("nodes", "Node", false, "no")
            + "," + resource("serviceaccounts", "ServiceAccount", true, "sa")
            + "]}";

    private static final String LEASES = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
            + "\"groupVersion\":\"coordination.k8s.io/v1\",\"resources\":[" + resource("leases", "Lease", true, "")
            + "]}";

    private static final String APPS = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
            + "\"groupVersion\":\"apps/v1\",\"resources\":[" + resource("deployments", "Deployment", true, "deploy")
            + "," + resource("replicasets", "ReplicaSet", true, "rs") + "]}";

    /** The media type kubectl asks {@code /openapi/v2} in. */
    private static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private final Map<String, String> documents = new LinkedHashMap<>();

    /** The documents for the core API, Leases and every custom type in {@code customTypes}. */
    DiscoveryDocuments(List<ResourceDefinitionContext> customTypes) {
        Map<String, List<String>> versionsByGroup = new TreeMap<>();
        Map<String, List<ResourceDefinitionContext>> typesByGroupVersion = new TreeMap<>();
        for (ResourceDefinitionContext type : customTypes) {
            List<String> versions = versionsByGroup.computeIfAbsent(type.getGroup(), g -> new ArrayList<>());
            if (!versions.contains(type.getVersion())) {
                versions.add(type.getVersion());
            }
            typesByGroupVersion.computeIfAbsent(type.getGroup() + "/" + type.getVersion(), gv -> new ArrayList<>())
                    .add(type);
        }
        StringBuilder groups = new StringBuilder();
        versionsByGroup.forEach((group, versions) -> {
            versions.sort(java.util.Comparator.naturalOrder());
            groups.append(group(group, versions)).append(',');
        });
        groups.append(group("apps", List.of("v1"))).append(',');
        groups.append(group("coordination.k8s.io", List.of("v1")));
        String apis = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":[" + groups + "]}";
        documents.put("/version", VERSION);
        documents.put("/api", API);
        documents.put("/api/", API);
        documents.put("/api/v1", V1);
        documents.put("/apis", apis);
        documents.put("/apis/", apis);
        documents.put("/apis/coordination.k8s.io/v1", LEASES);
        documents.put("/apis/apps/v1", APPS);
        typesByGroupVersion.forEach((groupVersion, types) -> documents.put("/apis/" + groupVersion,
                groupVersion(groupVersion, types)));
    }

    /**
     * The answer to a GET of {@code path} when it is a discovery or OpenAPI path, or null. {@code /openapi/v2}
     * is an empty OpenAPI v2 document (an empty protobuf message: no schema, so kubectl's client-side validation
     * finds nothing to check, as for a kind a real server has no schema for); {@code /openapi/v3} is 404, which
     * makes kubectl fall back to v2. An unknown group version ({@code /apis/apps/v1beta2}) is 404, as on a
     * current cluster.
     */
    MockResponse response(String path) {
        String document = documents.get(path);
        if (document != null) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json")
                    .setBody(document);
        }
        if (path.equals("/openapi/v2")) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", OPENAPI_V2_PROTOBUF)
                    .setBody(new byte[0]);
        }
        if (path.equals("/openapi/v3") || path.startsWith("/openapi/v3/")) {
            return ApiPaths.status(404, "NotFound", "the embedded API serves no OpenAPI v3 documents");
        }
        String[] segments = path.split("/");
        boolean groupVersion = segments.length == 4 && segments[1].equals("apis");
        if (groupVersion || segments.length == 3 && segments[1].equals("apis")) {
            return ApiPaths.status(404, "NotFound", "the server could not find the requested resource " + path);
        }
        return null;
    }

    /** The document served at {@code path}, or null. */
    String document(String path) {
        return documents.get(path);
    }

    private static String resource(String name, String kind, boolean namespaced, String shortName) {
        return "{\"name\":\"" + name + "\",\"singularName\":\"" + kind.toLowerCase(java.util.Locale.ROOT)
                + "\",\"namespaced\":" + namespaced + ",\"kind\":\"" + kind + "\",\"verbs\":"
                + "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]"
                + (shortName.isEmpty() ? "" : ",\"shortNames\":[\"" + shortName + "\"]")
                + (IN_ALL.contains(name) ? ",\"categories\":[\"all\"]" : "") + "}";
    }

    private static String groupVersion(String groupVersion, List<ResourceDefinitionContext> types) {
        StringBuilder resources = new StringBuilder();
        for (ResourceDefinitionContext type : types) {
            if (resources.length() > 0) {
                resources.append(',');
            }
            resources.append(resource(type.getPlural(), type.getKind(), type.isNamespaceScoped(), ""));
        }
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[" + resources + "]}";
    }

    private static String subresource(String name, String kind) {
        return "{\"name\":\"" + name + "\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"" + kind
                + "\",\"verbs\":[\"get\",\"patch\",\"update\"]}";
    }

    private static String group(String name, List<String> versions) {
        StringBuilder list = new StringBuilder();
        for (String version : versions) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append("{\"groupVersion\":\"").append(name).append('/').append(version)
                    .append("\",\"version\":\"").append(version).append("\"}");
        }
        return "{\"name\":\"" + name + "\",\"versions\":[" + list + "],\"preferredVersion\":{\"groupVersion\":\""
                + name + "/" + versions.get(0) + "\",\"version\":\"" + versions.get(0) + "\"}}";
    }
}
