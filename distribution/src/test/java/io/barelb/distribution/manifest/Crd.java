package io.barelb.distribution.manifest;

import java.util.List;
import java.util.Map;

/**
 * One CustomResourceDefinition as the CRD generator wrote it: the file's text (kept as is, comments and all) and
 * its parsed tree.
 *
 * @param file the file name, for messages
 * @param text the file's content
 * @param tree the parsed object
 */
record Crd(String file, String text, Map<String, Object> tree) {

    /** {@code spec.group}. */
    String group() {
        return (String) spec().get("group");
    }

    /** {@code spec.names.kind}. */
    String kind() {
        return (String) names().get("kind");
    }

    /** {@code spec.names.plural}. */
    String plural() {
        return (String) names().get("plural");
    }

    /** {@code spec.versions}. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> versions() {
        return (List<Map<String, Object>>) spec().get("versions");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> spec() {
        return (Map<String, Object>) tree.get("spec");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> names() {
        return (Map<String, Object>) spec().get("names");
    }
}
