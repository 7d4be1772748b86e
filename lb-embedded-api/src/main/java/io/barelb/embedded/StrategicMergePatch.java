package io.barelb.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Kubernetes' strategic merge patch for the built-in kinds the MetalLB tutorial uses (ConfigMap, Service,
 * Deployment, Namespace), as {@code kubectl apply} sends it: maps merge, {@code null} deletes, lists of objects
 * merge by their patch merge key ({@code ports} by {@code port} or {@code containerPort}, {@code containers},
 * {@code env} and {@code volumes} by {@code name}, ...), every other list is replaced; the directives
 * {@code $patch} (replace, delete, merge), {@code $setElementOrder/}, {@code $retainKeys} and
 * {@code $deleteFromPrimitiveList/} are honoured. Merge keys come from a fixed table rather than the OpenAPI
 * schema, which the embedded API does not have. Pure; the inputs are not modified.
 *
 * @see <a href="https://github.com/kubernetes/community/blob/master/contributors/devel/sig-api-machinery/strategic-merge-patch.md">strategic merge patch</a>
 */
final class StrategicMergePatch {

    private static final String ORDER = "$setElementOrder/";
    private static final String DELETE_PRIMITIVE = "$deleteFromPrimitiveList/";
    private static final Map<String, String> MERGE_KEYS = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"),
            Map.entry("ephemeralContainers", "name"), Map.entry("env", "name"), Map.entry("volumes", "name"),
            Map.entry("imagePullSecrets", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("conditions", "type"),
            Map.entry("ownerReferences", "uid"), Map.entry("hostAliases", "ip"),
            Map.entry("topologySpreadConstraints", "topologyKey"));

    private StrategicMergePatch() {
    }

    /** {@code original} with {@code patch} applied. */
    static ObjectNode apply(ObjectNode original, ObjectNode patch) {
        return merge(original.deepCopy(), patch);
    }

    private static ObjectNode merge(ObjectNode target, ObjectNode patch) {
        JsonNode directive = patch.get("$patch");
        if (directive != null && "replace".equals(directive.asString())) {
            ObjectNode replaced = patch.deepCopy();
            replaced.remove("$patch");
            return replaced;
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            String name = field.getKey();
            JsonNode value = field.getValue();
            if (name.equals("$patch") || name.equals("$retainKeys") || name.startsWith(ORDER)) {
                continue;
            }
            if (name.startsWith(DELETE_PRIMITIVE)) {
                deleteFromPrimitiveList(target, name.substring(DELETE_PRIMITIVE.length()), value);
                continue;
            }
            JsonNode current = target.get(name);
            if (value.isNull()) {
                target.remove(name);
            } else if (value.isObject() && current != null && current.isObject()) {
                target.set(name, merge((ObjectNode) current, (ObjectNode) value));
            } else if (value.isArray()) {
                target.set(name, mergeList(name, current, (ArrayNode) value));
            } else {
                target.set(name, value.isObject() ? merge(JsonNodeFactory.instance.objectNode(), (ObjectNode) value)
                        : value.deepCopy());
            }
        }
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            if (field.getKey().startsWith(ORDER) && target.get(field.getKey().substring(ORDER.length())) != null) {
                String listName = field.getKey().substring(ORDER.length());
                target.set(listName, reorder(listName, (ArrayNode) target.get(listName), field.getValue()));
            }
        }
        JsonNode retain = patch.get("$retainKeys");
        if (retain != null && retain.isArray()) {
            Set<String> keep = new LinkedHashSet<>();
            retain.forEach(key -> keep.add(key.asString()));
            target.properties().removeIf(entry -> !keep.contains(entry.getKey()));
        }
        return target;
    }

    private static ArrayNode mergeList(String name, JsonNode current, ArrayNode patch) {
        String key = mergeKey(name, current, patch);
        if (key == null || current == null || !current.isArray()) {
            ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
            for (JsonNode element : patch) {
                if (!(element.isObject() && element.has("$patch"))) {
                    replaced.add(element.isObject() ? merge(JsonNodeFactory.instance.objectNode(), (ObjectNode) element)
                            : element.deepCopy());
                }
            }
            return replaced;
        }
        ArrayNode merged = ((ArrayNode) current).deepCopy();
        for (JsonNode element : patch) {
            if (!element.isObject()) {
                continue;
            }
            if (element.has("$patch") && "replace".equals(element.get("$patch").asString())) {
                ArrayNode replaced = JsonNodeFactory.instance.arrayNode();
                patch.forEach(e -> {
                    if (!e.has("$patch")) {
                        replaced.add(e.deepCopy());
                    }
                });
                return replaced;
            }
            int index = indexOf(merged, key, element.get(key));
            boolean delete = element.has("$patch") && "delete".equals(element.get("$patch").asString());
            if (delete) {
                if (index >= 0) {
                    merged.remove(index);
                }
            } else if (index >= 0) {
                merged.set(index, merge((ObjectNode) merged.get(index), (ObjectNode) element));
            } else {
                merged.add(merge(JsonNodeFactory.instance.objectNode(), (ObjectNode) element));
            }
        }
        return merged;
    }

    /** The merge key of list {@code name}, or null when the list is replaced as a whole. */
    static String mergeKey(String name, JsonNode current, JsonNode patch) {
        if (name.equals("ports")) {
            return has(current, "containerPort") || has(patch, "containerPort") ? "containerPort" : "port";
        }
        return MERGE_KEYS.get(name);
    }

    private static boolean has(JsonNode list, String field) {
        if (list == null || !list.isArray()) {
            return false;
        }
        for (JsonNode element : list) {
            if (element.has(field)) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value != null && value.equals(list.get(i).get(key))) {
                return i;
            }
        }
        return -1;
    }

    /** The list in the order {@code $setElementOrder} gives; elements it does not name keep their place after. */
    private static ArrayNode reorder(String name, ArrayNode list, JsonNode order) {
        String key = mergeKey(name, list, order);
        List<JsonNode> remaining = new ArrayList<>();
        list.forEach(remaining::add);
        ArrayNode ordered = JsonNodeFactory.instance.arrayNode();
        for (JsonNode wanted : order) {
            for (Iterator<JsonNode> it = remaining.iterator(); it.hasNext(); ) {
                JsonNode element = it.next();
                boolean same = key == null ? element.equals(wanted)
                        : element.get(key) != null && element.get(key).equals(wanted.get(key));
                if (same) {
                    ordered.add(element);
                    it.remove();
                    break;
                }
            }
        }
        remaining.forEach(ordered::add);
        return ordered;
    }

    private static void deleteFromPrimitiveList(ObjectNode target, String name, JsonNode values) {
        JsonNode list = target.get(name);
        if (list == null || !list.isArray()) {
            return;
        }
        ArrayNode kept = JsonNodeFactory.instance.arrayNode();
        list.forEach(element -> {
            boolean drop = false;
            for (JsonNode value : values) {
                drop |= value.equals(element);
            }
            if (!drop) {
                kept.add(element);
            }
        });
        target.set(name, kept);
    }
}
