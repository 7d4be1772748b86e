package io.barelb.embedded;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The server-side printing {@code kubectl get} asks for ({@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}):
 * a list or a single object turned into a {@code meta.k8s.io/v1 Table} with the columns a real API server gives
 * the kinds the tutorial uses (Services, Events, Deployments, ConfigMaps, Namespaces); every other kind gets
 * NAME and AGE. Pure.
 */
final class ResourceTables {

    private record Printer(List<String> columns, BiFunction<JsonNode, Instant, List<String>> cells) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Printer NAME_AGE = new Printer(List.of("Name", "Age"),
            (item, now) -> List.of(name(item), age(item.path("metadata").path("creationTimestamp").asString(""), now)));
    private static final Map<String, Printer> PRINTERS = Map.of(
            "services", new Printer(ServiceTable.COLUMNS.stream().map(c -> c.equals("NAME") ? "Name" : c).toList(),
                    (item, now) -> ServiceTable.row(SERIALIZATION.convertValue(item, Service.class), now)),
            "events", new Printer(List.of("Last Seen", "Type", "Reason", "Object", "Message"), ResourceTables::event),
            "deployments", new Printer(List.of("Name", "Ready", "Up-to-date", "Available", "Age"),
                    ResourceTables::deployment),
            "configmaps", new Printer(List.of("Name", "Data", "Age"), (item, now) -> List.of(name(item),
                    String.valueOf(item.path("data").size() + item.path("binaryData").size()), created(item, now))),
            "namespaces", new Printer(List.of("Name", "Status", "Age"), (item, now) -> List.of(name(item),
                    item.path("status").path("phase").asString("Active"), created(item, now))));

    private ResourceTables() {
    }

    /** {@code body} (a list or one object of {@code resource}, e.g. {@code services}) as a Table in JSON. */
    static String toTable(String resource, String body, Instant now) {
        JsonNode parsed = JSON.readTree(body);
        List<JsonNode> items = new ArrayList<>();
        if (parsed.has("items")) {
            parsed.get("items").forEach(items::add);
        } else {
            items.add(parsed);
        }
        Printer printer = PRINTERS.getOrDefault(resource, NAME_AGE);
        ObjectNode table = JSON.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        String resourceVersion = parsed.path("metadata").path("resourceVersion").asString("");
        if (!resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        for (String column : printer.columns()) {
            ObjectNode definition = columns.addObject();
            definition.put("name", column);
            definition.put("type", "string");
            definition.put("format", column.equals("Name") ? "name" : "");
            definition.put("description", "");
            definition.put("priority", 0);
        }
        ArrayNode rows = table.putArray("rows");
        for (JsonNode item : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            printer.cells().apply(item, now).forEach(cells::add);
            ObjectNode object = row.putObject("object");
            object.put("kind", "PartialObjectMetadata");
            object.put("apiVersion", "meta.k8s.io/v1");
            object.set("metadata", item.path("metadata").deepCopy());
        }
        return JSON.writeValueAsString(table);
    }

    private static List<String> event(JsonNode event, Instant now) {
        String last = event.path("series").path("lastObservedTime").asString("");
        if (last.isEmpty()) {
            last = event.path("lastTimestamp").asString("");
        }
        if (last.isEmpty()) {
            last = event.path("eventTime").asString("");
        }
        JsonNode involved = event.path("involvedObject");
        String object = involved.path("kind").asString("").toLowerCase(java.util.Locale.ROOT) + "/"
                + involved.path("name").asString("");
        return List.of(age(last, now), event.path("type").asString(""), event.path("reason").asString(""), object,
                event.path("message").asString("").strip());
    }

    private static List<String> deployment(JsonNode deployment, Instant now) {
        int desired = deployment.path("spec").path("replicas").asInt(1);
        JsonNode status = deployment.path("status");
        return List.of(name(deployment), status.path("readyReplicas").asInt(0) + "/" + desired,
                String.valueOf(status.path("updatedReplicas").asInt(0)),
                String.valueOf(status.path("availableReplicas").asInt(0)), created(deployment, now));
    }

    private static String name(JsonNode item) {
        return item.path("metadata").path("name").asString("");
    }

    private static String created(JsonNode item, Instant now) {
        return age(item.path("metadata").path("creationTimestamp").asString(""), now);
    }

    /** How long ago {@code timestamp} (RFC 3339) was, as kubectl prints ages; {@code <unknown>} when absent. */
    static String age(String timestamp, Instant now) {
        if (timestamp == null || timestamp.isEmpty()) {
            return "<unknown>";
        }
        try {
            return ServiceTable.humanDuration(java.time.Duration.between(Instant.parse(timestamp), now).getSeconds());
        } catch (RuntimeException unparsable) {
            return "<unknown>";
        }
    }
}
