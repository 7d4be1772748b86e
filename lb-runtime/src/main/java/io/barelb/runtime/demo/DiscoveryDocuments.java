package io.barelb.runtime.demo;

import java.util.List;
import java.util.Map;

/** The static discovery documents of the embedded API server, as JSON text. */
final class DiscoveryDocuments {

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

    private static final String APIS = "{\"kind\":\"APIGroupList\",\"apiVersion\":\"v1\",\"groups\":["
            + group("metallb.io", "v1beta1", "v1beta2") + ","
            + group("barelb.io", "v1beta1") + ","
            + group("coordination.k8s.io", "v1") + "]}";

    private static final String LEASES = "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\","
            + "\"groupVersion\":\"coordination.k8s.io/v1\",\"resources\":[" + resource("leases", "Lease", true, "")
            + "]}";

    private static final String METALLB_V1BETA1 = groupVersion("metallb.io/v1beta1", io.barelb.runtime.config.ConfigKinds.ALL);
    private static final String METALLB_V1BETA2 = groupVersion("metallb.io/v1beta2", List.of("BGPPeer"));
    private static final String BARELB_V1BETA1 = groupVersion("barelb.io/v1beta1", io.barelb.runtime.config.ConfigKinds.ALL);

    private static final Map<String, String> DOCUMENTS = Map.of(
            "/version", VERSION,
            "/api", API,
            "/api/", API,
            "/api/v1", V1,
            "/apis", APIS,
            "/apis/", APIS,
            "/apis/coordination.k8s.io/v1", LEASES,
            "/apis/metallb.io/v1beta1", METALLB_V1BETA1,
            "/apis/metallb.io/v1beta2", METALLB_V1BETA2,
            "/apis/barelb.io/v1beta1", BARELB_V1BETA1);

    private DiscoveryDocuments() {
    }

    /** The document served at {@code path}, or null. */
    static String document(String path) {
        return DOCUMENTS.get(path);
    }

    private static String resource(String name, String kind, boolean namespaced, String shortName) {
        return "{\"name\":\"" + name + "\",\"singularName\":\"" + kind.toLowerCase(java.util.Locale.ROOT)
                + "\",\"namespaced\":" + namespaced + ",\"kind\":\"" + kind + "\",\"verbs\":"
                + "[\"create\",\"delete\",\"get\",\"list\",\"patch\",\"update\",\"watch\"]"
                + (shortName.isEmpty() ? "" : ",\"shortNames\":[\"" + shortName + "\"]") + "}";
    }

    private static String groupVersion(String groupVersion, List<String> kinds) {
        StringBuilder resources = new StringBuilder();
        for (String kind : kinds) {
            if (resources.length() > 0) {
                resources.append(',');
            }
            resources.append(resource(io.barelb.runtime.config.ConfigKinds.plural(kind), kind, true, ""));
        }
        return "{\"kind\":\"APIResourceList\",\"apiVersion\":\"v1\",\"groupVersion\":\"" + groupVersion
                + "\",\"resources\":[" + resources + "]}";
    }

    private static String subresource(String name, String kind) {
        return "{\"name\":\"" + name + "\",\"singularName\":\"\",\"namespaced\":true,\"kind\":\"" + kind
                + "\",\"verbs\":[\"get\",\"patch\",\"update\"]}";
    }

    private static String group(String name, String... versions) {
        StringBuilder list = new StringBuilder();
        for (String version : versions) {
            if (list.length() > 0) {
                list.append(',');
            }
            list.append("{\"groupVersion\":\"").append(name).append('/').append(version)
                    .append("\",\"version\":\"").append(version).append("\"}");
        }
        return "{\"name\":\"" + name + "\",\"versions\":[" + list + "],\"preferredVersion\":{\"groupVersion\":\""
                + name + "/" + versions[0] + "\",\"version\":\"" + versions[0] + "\"}}";
    }
}
