package io.barelb.distribution.manifest;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;
import tools.jackson.dataformat.yaml.YAMLWriteFeature;

/** Multi-document YAML: parse to plain trees, write a tree, join documents with {@code ---}. */
final class YamlDocuments {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLWriteFeature.WRITE_DOC_START_MARKER)
            .enable(YAMLWriteFeature.MINIMIZE_QUOTES)
            .build();

    private YamlDocuments() {
    }

    /** The first document of {@code text} as a tree. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> parse(String text) {
        return YAML.readValue(text, Map.class);
    }

    /** Every non-empty document of {@code text}, in order. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> parseAll(String text) {
        List<Map<String, Object>> documents = new ArrayList<>();
        try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(text)) {
            while (values.hasNext()) {
                Object value = values.next();
                if (value instanceof Map<?, ?> map) {
                    documents.add((Map<String, Object>) map);
                }
            }
        }
        return documents;
    }

    /** {@code tree} as one YAML document without a start marker. */
    static String write(Map<String, Object> tree) {
        return YAML.writeValueAsString(tree);
    }

    /** The documents one after the other, each ending with a newline, separated by {@code ---} lines. */
    static String join(List<String> documents) {
        StringBuilder out = new StringBuilder();
        for (String document : documents) {
            if (!out.isEmpty()) {
                out.append("---\n");
            }
            out.append(document);
            if (!document.endsWith("\n")) {
                out.append('\n');
            }
        }
        return out.toString();
    }
}
