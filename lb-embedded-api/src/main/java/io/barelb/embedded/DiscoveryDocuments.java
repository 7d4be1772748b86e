package io.barelb.embedded;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.mockwebserver.http.MockResponse;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The discovery documents of the embedded API server ({@code /version}, {@code /api}, {@code /api/v1}, {@code /apis},
 * {@code /apis/GROUP}, {@code /apis/GROUP/VERSION}): the built-in resources ({@link BuiltInResources}), the custom
 * types the server was started with, and every CustomResourceDefinition stored in it, so a CRD applied with
 * {@code kubectl apply} is served from the next request on, as by a real API server. Thread-safe (immutable).
 */
final class DiscoveryDocuments {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Pattern VERSION_NAME = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private static final String VERSION = """
            {"major":"1","minor":"33","gitVersion":"v1.33.0-barelb-demo","gitCommit":"","gitTreeState":"clean",\
            "buildDate":"2026-01-01T00:00:00Z","goVersion":"","compiler":"","platform":"linux/amd64"}""";

    private static final String API = """
            {"kind":"APIVersions","versions":["v1"],\
            "serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1"}]}""";

    /** The media type kubectl asks {@code /openapi/v2} in. */
    private static final String OPENAPI_V2_PROTOBUF = "application/com.github.proto-openapi.spec.v2.v1.0+protobuf";

    private final List<ApiResource> startedWith;

    /** The documents for the built-in resources and every custom type in {@code customTypes}. */
    DiscoveryDocuments(List<ResourceDefinitionContext> customTypes) {
        List<ApiResource> resources = new ArrayList<>(BuiltInResources.all());
        for (ResourceDefinitionContext type : customTypes) {
            ApiResource resource = CustomResources.of(type);
            resources.add(resource);
            resources.add(resource.subresource("status"));
        }
        this.startedWith = List.copyOf(resources);
    }

    /** True when a GET of {@code path} is answered by {@link #response}. */
    static boolean isDiscovery(String path) {
        return path.equals("/version") || path.equals("/api") || path.equals("/api/") || path.equals("/api/v1")
                || path.startsWith("/openapi/") || path.equals("/apis") || path.equals("/apis/")
                || path.startsWith("/apis/") && path.split("/").length <= 4;
    }

    /**
     * The answer to a GET of the discovery or OpenAPI {@code path} ({@link #isDiscovery}), the stored CRDs being
     * {@code crds}. {@code /openapi/v2} is an empty OpenAPI v2 document (an empty protobuf message: no schema, so
     * kubectl's client-side validation finds nothing to check, as for a kind a real server has no schema for);
     * {@code /openapi/v3} is 404, which makes kubectl fall back to v2. A group version nothing serves
     * ({@code /apis/apps/v1beta2}) is 404, as on a current cluster.
     */
    MockResponse response(String path, List<JsonNode> crds) {
        if (path.equals("/version")) {
            return json(VERSION);
        }
        if (path.equals("/api") || path.equals("/api/")) {
            return json(API);
        }
        if (path.equals("/openapi/v2")) {
            return new MockResponse().setResponseCode(200).setHeader("Content-Type", OPENAPI_V2_PROTOBUF)
                    .setBody(new byte[0]);
        }
        if (path.startsWith("/openapi/")) {
            return ApiPaths.status(404, "NotFound", "the embedded API serves no OpenAPI v3 documents");
        }
        Map<String, List<ApiResource>> byGroupVersion = byGroupVersion(crds);
        if (path.equals("/api/v1")) {
            return json(resourceList("v1", byGroupVersion.get("v1")));
        }
        String[] segments = path.split("/");
        if (segments.length <= 2) {
            return json(groupList(byGroupVersion));
        }
        Map<String, List<String>> versions = versionsByGroup(byGroupVersion);
        String group = segments[2];
        if (segments.length == 3 && versions.containsKey(group)) {
            return json(JSON.writeValueAsString(group(group, versions.get(group)).put("kind", "APIGroup")
                    .put("apiVersion", "v1")));
        }
        if (segments.length == 4 && byGroupVersion.containsKey(group + "/" + segments[3])) {
            return json(resourceList(group + "/" + segments[3], byGroupVersion.get(group + "/" + segments[3])));
        }
        return ApiPaths.status(404, "NotFound", "the server could not find the requested resource " + path);
    }

    /** The resources of every group version, those of a stored CRD replacing the ones the server started with. */
    private Map<String, List<ApiResource>> byGroupVersion(List<JsonNode> crds) {
        Map<String, ApiResource> byName = new LinkedHashMap<>();
        startedWith.forEach(r -> byName.put(r.listedIn() + " " + r.name(), r));
        for (JsonNode crd : crds) {
            for (ApiResource resource : CustomResources.of(crd)) {
                byName.put(resource.listedIn() + " " + resource.name(), resource);
            }
        }
        Map<String, List<ApiResource>> grouped = new TreeMap<>();
        byName.forEach((key, resource) -> grouped.computeIfAbsent(key.substring(0, key.indexOf(' ')),
                k -> new ArrayList<>()).add(resource));
        return grouped;
    }

    private static Map<String, List<String>> versionsByGroup(Map<String, List<ApiResource>> byGroupVersion) {
        Map<String, List<String>> versions = new TreeMap<>();
        byGroupVersion.keySet().stream().filter(gv -> gv.contains("/")).forEach(gv -> versions.computeIfAbsent(
                gv.substring(0, gv.indexOf('/')), g -> new ArrayList<>()).add(gv.substring(gv.indexOf('/') + 1)));
        versions.values().forEach(list -> list.sort(DiscoveryDocuments::byPriority));
        return versions;
    }

    /** Kubernetes' version priority: GA before beta before alpha, higher numbers first ({@code v2, v1, v1beta2}). */
    static int byPriority(String left, String right) {
        return Comparator.<String, Integer>comparing(DiscoveryDocuments::stability).reversed()
                .thenComparing(Comparator.<String, Integer>comparing(v -> number(v, 1)).reversed())
                .thenComparing(Comparator.<String, Integer>comparing(v -> number(v, 3)).reversed())
                .thenComparing(Comparator.naturalOrder()).compare(left, right);
    }

    private static int stability(String version) {
        Matcher matcher = VERSION_NAME.matcher(version);
        if (!matcher.matches()) {
            return 0;
        }
        return matcher.group(2) == null ? 3 : matcher.group(2).equals("beta") ? 2 : 1;
    }

    private static int number(String version, int group) {
        Matcher matcher = VERSION_NAME.matcher(version);
        return matcher.matches() && matcher.group(group) != null ? Integer.parseInt(matcher.group(group)) : 0;
    }

    private static String resourceList(String groupVersion, List<ApiResource> resources) {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIResourceList");
        list.put("apiVersion", "v1");
        list.put("groupVersion", groupVersion);
        ArrayNode entries = list.putArray("resources");
        resources.forEach(r -> r.addTo(entries, groupVersion));
        return JSON.writeValueAsString(list);
    }

    private static String groupList(Map<String, List<ApiResource>> byGroupVersion) {
        ObjectNode list = JSON.createObjectNode();
        list.put("kind", "APIGroupList");
        list.put("apiVersion", "v1");
        ArrayNode groups = list.putArray("groups");
        versionsByGroup(byGroupVersion).forEach((name, versions) -> groups.add(group(name, versions)));
        return JSON.writeValueAsString(list);
    }

    private static ObjectNode group(String name, List<String> versions) {
        ObjectNode group = JSON.createObjectNode();
        group.put("name", name);
        ArrayNode list = group.putArray("versions");
        for (String version : versions) {
            list.addObject().put("groupVersion", name + "/" + version).put("version", version);
        }
        group.putObject("preferredVersion").put("groupVersion", name + "/" + versions.get(0))
                .put("version", versions.get(0));
        return group;
    }

    private static MockResponse json(String body) {
        return new MockResponse().setResponseCode(200).setHeader("Content-Type", "application/json").setBody(body);
    }
}
