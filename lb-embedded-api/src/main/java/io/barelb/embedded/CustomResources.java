package io.barelb.embedded;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * What a CustomResourceDefinition stored in the API makes the API server serve: a discovery entry per served
 * version (with the short names, categories and subresources it declares), the columns {@code kubectl get} prints
 * ({@code additionalPrinterColumns}) and the status the API server gives a CRD it accepted. Pure.
 */
final class CustomResources {

    private CustomResources() {
    }

    /** The discovery entries of {@code crd} (a stored {@code apiextensions.k8s.io/v1} CRD). */
    static List<ApiResource> of(JsonNode crd) {
        JsonNode spec = crd.path("spec");
        JsonNode names = spec.path("names");
        String group = spec.path("group").asString("");
        String plural = names.path("plural").asString("");
        String kind = names.path("kind").asString("");
        boolean namespaced = !"Cluster".equals(spec.path("scope").asString("Namespaced"));
        List<ApiResource> entries = new ArrayList<>();
        if (group.isEmpty() || plural.isEmpty() || kind.isEmpty()) {
            return entries;
        }
        for (JsonNode version : spec.path("versions")) {
            if (!version.path("served").asBoolean(true)) {
                continue;
            }
            ApiResource resource = new ApiResource(group, version.path("name").asString(""), plural, kind, namespaced,
                    strings(names.path("shortNames")), strings(names.path("categories")), ApiResource.EVERY_VERB);
            entries.add(resource);
            if (version.path("subresources").has("status")) {
                entries.add(resource.subresource("status"));
            }
            if (version.path("subresources").has("scale")) {
                entries.add(resource.scale());
            }
        }
        return entries;
    }

    /** The discovery entry of a type the server was started with (no CRD stored for it). */
    static ApiResource of(ResourceDefinitionContext type) {
        return new ApiResource(type.getGroup(), type.getVersion(), type.getPlural(), type.getKind(),
                type.isNamespaceScoped(), List.of(), List.of(), ApiResource.EVERY_VERB);
    }

    /** The {@code additionalPrinterColumns} of {@code version} of {@code crd}; empty when it declares none. */
    static List<JsonNode> printerColumns(JsonNode crd, String version) {
        for (JsonNode served : crd.path("spec").path("versions")) {
            if (served.path("name").asString("").equals(version)) {
                List<JsonNode> columns = new ArrayList<>();
                served.path("additionalPrinterColumns").forEach(columns::add);
                return columns;
            }
        }
        return List.of();
    }

    /**
     * {@code crd} with the status the API server writes once it serves it: the names accepted, the conditions
     * {@code NamesAccepted} and {@code Established} true (what {@code helm install} waits for), the stored versions.
     */
    static tools.jackson.databind.node.ObjectNode accepted(tools.jackson.databind.node.ObjectNode crd, String now) {
        tools.jackson.databind.node.ObjectNode status = crd.putObject("status");
        status.set("acceptedNames", crd.path("spec").path("names").deepCopy());
        var conditions = status.putArray("conditions");
        for (String[] condition : new String[][] {{"NamesAccepted", "NoConflicts", "no conflicts found"},
                {"Established", "InitialNamesAccepted", "the initial names have been accepted"}}) {
            var entry = conditions.addObject();
            entry.put("type", condition[0]);
            entry.put("status", "True");
            entry.put("lastTransitionTime", now);
            entry.put("reason", condition[1]);
            entry.put("message", condition[2]);
        }
        var stored = status.putArray("storedVersions");
        for (JsonNode version : crd.path("spec").path("versions")) {
            if (version.path("storage").asBoolean(false)) {
                stored.add(version.path("name").asString(""));
            }
        }
        return crd;
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(v -> values.add(v.asString("")));
        return values;
    }
}
