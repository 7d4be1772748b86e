package io.barelb.embedded;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A field selector such as {@code involvedObject.name=nginx,involvedObject.kind=Service} (what
 * {@code kubectl describe} sends for a Service's Events), applied to a list: {@code =}, {@code ==} and
 * {@code !=} on dotted paths; a field the object lacks counts as the empty string. Pure, immutable.
 */
final class FieldSelector {

    private record Term(String[] path, String value, boolean equal) {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    static FieldSelector parse(String selector) {
        List<Term> terms = new ArrayList<>();
        for (String term : selector.split(",")) {
            if (term.isBlank()) {
                continue;
            }
            boolean equal = !term.contains("!=");
            String[] sides = term.split("!=|==|=", 2);
            terms.add(new Term(sides[0].strip().split("\\."), sides.length > 1 ? sides[1].strip() : "", equal));
        }
        return new FieldSelector(terms);
    }

    /** True if {@code object} satisfies every term. */
    boolean matches(JsonNode object) {
        for (Term term : terms) {
            JsonNode node = object;
            for (String step : term.path()) {
                node = node.path(step);
            }
            String actual = node.isValueNode() ? node.asString() : "";
            if (actual.equals(term.value()) != term.equal()) {
                return false;
            }
        }
        return true;
    }

    /** A list in JSON with only the items that match. */
    String filter(String listJson) {
        JsonNode list = JSON.readTree(listJson);
        if (!list.isObject() || !list.path("items").isArray()) {
            return listJson;
        }
        ArrayNode kept = JSON.createArrayNode();
        list.get("items").forEach(item -> {
            if (matches(item)) {
                kept.add(item);
            }
        });
        ((ObjectNode) list).set("items", kept);
        return JSON.writeValueAsString(list);
    }
}
