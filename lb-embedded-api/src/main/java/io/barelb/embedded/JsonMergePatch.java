package io.barelb.embedded;

import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * RFC 7386 JSON merge patch, which {@code kubectl apply} sends for custom resources: objects merge, {@code null}
 * deletes, anything else (lists included) replaces. Pure; the inputs are not modified.
 *
 * @see <a href="https://www.rfc-editor.org/rfc/rfc7386">RFC 7386</a>
 */
final class JsonMergePatch {

    private JsonMergePatch() {
    }

    /** {@code original} with {@code patch} applied. */
    static ObjectNode apply(ObjectNode original, ObjectNode patch) {
        ObjectNode target = original.deepCopy();
        for (Map.Entry<String, JsonNode> field : patch.properties()) {
            JsonNode value = field.getValue();
            JsonNode current = target.get(field.getKey());
            if (value.isNull()) {
                target.remove(field.getKey());
            } else if (value.isObject()) {
                ObjectNode base = current != null && current.isObject() ? (ObjectNode) current
                        : target.objectNode();
                target.set(field.getKey(), apply(base, (ObjectNode) value));
            } else {
                target.set(field.getKey(), value.deepCopy());
            }
        }
        return target;
    }
}
