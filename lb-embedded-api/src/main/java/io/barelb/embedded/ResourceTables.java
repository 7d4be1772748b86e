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
 * the kinds the tutorial uses (Services, Events, Deployments, ConfigMaps, Namespaces), the columns a custom
 * resource's CRD declares ({@code additionalPrinterColumns}); every other kind gets NAME and AGE. Pure.
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
        Printer printer = PRINTERS.getOrDefault(resource, NAME_AGE);
        return toTable(printer, printer.columns().stream().map(c -> column(c, "string", 0)).toList(), body, now);
    }

    /**
     * {@code body} (custom resources) as a Table in JSON with the columns of their CRD's
     * {@code additionalPrinterColumns}: NAME, then each column ({@code jsonPath} of the object; a {@code date} as an
     * age, a list or map as JSON, a missing field null, which kubectl prints as it prints the API server's), as the API server prints them; NAME and AGE when the CRD
     * declares none.
     */
    static String toTable(List<JsonNode> printerColumns, String body, Instant now) {
        if (printerColumns.isEmpty()) {
            return toTable("", body, now);
        }
        List<ObjectNode> definitions = new ArrayList<>(List.of(column("Name", "string", 0)));
        for (JsonNode printerColumn : printerColumns) {
            ObjectNode definition = column(printerColumn.path("name").asString(""),
                    printerColumn.path("type").asString("string"), printerColumn.path("priority").asInt(0));
            definition.put("description", printerColumn.path("description").asString(""));
            definitions.add(definition);
        }
        Printer printer = new Printer(List.of(), (item, instant) -> {
            List<String> cells = new ArrayList<>(List.of(name(item)));
            for (JsonNode printerColumn : printerColumns) {
                JsonNode value = JsonPaths.find(item, printerColumn.path("jsonPath").asString(""));
                cells.add(value == null || value.isNull() ? null
                        : printerColumn.path("type").asString("").equals("date") ? age(value.asString(""), instant)
                        : value.isValueNode() ? value.asString() : JSON.writeValueAsString(value));
            }
            return cells;
        });
        return toTable(printer, definitions, body, now);
    }

    private static ObjectNode column(String name, String type, int priority) {
        ObjectNode definition = JSON.createObjectNode();
        definition.put("name", name);
        definition.put("type", type.equals("date") ? "string" : type);
        definition.put("format", name.equals("Name") ? "name" : "");
        definition.put("description", "");
        definition.put("priority", priority);
        return definition;
    }

    private static String toTable(Printer printer, List<ObjectNode> definitions, String body, Instant now) {
        JsonNode parsed = JSON.readTree(body);
        List<JsonNode> items = new ArrayList<>();
        if (parsed.has("items")) {
            parsed.get("items").forEach(items::add);
        } else {
            items.add(parsed);
        }
        ObjectNode table = JSON.createObjectNode();
        table.put("kind", "Table");
        table.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode metadata = table.putObject("metadata");
        String resourceVersion = parsed.path("metadata").path("resourceVersion").asString("");
        if (!resourceVersion.isEmpty()) {
            metadata.put("resourceVersion", resourceVersion);
        }
        ArrayNode columns = table.putArray("columnDefinitions");
        definitions.forEach(columns::add);
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
