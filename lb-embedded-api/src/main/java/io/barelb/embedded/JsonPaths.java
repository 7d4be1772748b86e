package io.barelb.embedded;

import tools.jackson.databind.JsonNode;

/**
 * The simple JSONPath of a CRD's {@code additionalPrinterColumns} ({@code .spec.addresses}, {@code .status.conditions[0].type}):
 * fields and list indexes, which is all the API server allows there. Pure.
 */
final class JsonPaths {

    private JsonPaths() {
    }

    /** The value at {@code path} in {@code object}, or null when a step is missing or the path is not simple. */
    static JsonNode find(JsonNode object, String path) {
        String text = path.strip();
        if (text.startsWith("{") && text.endsWith("}")) {
            text = text.substring(1, text.length() - 1);
        }
        if (!text.startsWith(".")) {
            return null;
        }
        JsonNode current = object;
        for (String step : text.substring(1).split("\\.")) {
            int bracket = step.indexOf('[');
            String field = bracket < 0 ? step : step.substring(0, bracket);
            if (!field.isEmpty()) {
                current = current.get(field);
            }
            while (current != null && bracket >= 0) {
                int close = step.indexOf(']', bracket);
                if (close < 0 || !step.substring(bracket + 1, close).matches("\\d+")) {
                    return null;
                }
                current = current.get(Integer.parseInt(step.substring(bracket + 1, close)));
                bracket = step.indexOf('[', close);
            }
            if (current == null) {
                return null;
            }
        }
        return current;
    }
}
