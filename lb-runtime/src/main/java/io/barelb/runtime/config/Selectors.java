package io.barelb.runtime.config;

import io.barelb.api.config.ConfigView;
import io.barelb.api.select.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads Kubernetes label selectors ({@code matchLabels}, {@code matchExpressions}) from configuration. */
final class Selectors {

    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> EXPRESSION_FIELDS = Set.of("key", "operator", "values");

    private Selectors() {
    }

    /** Every selector in the list at {@code key}; problems are collected and bad selectors left out. */
    static List<LabelSelector> list(ConfigView view, String key, Problems problems) {
        List<LabelSelector> result = new ArrayList<>();
        for (ConfigView item : problems.readList(() -> view.children(key))) {
            one(item, problems).ifPresent(result::add);
        }
        return List.copyOf(result);
    }

    /** One selector object; empty if it has a problem (collected). */
    static Optional<LabelSelector> one(ConfigView selector, Problems problems) {
        int before = problems.list().size();
        problems.unknownKeys(selector, SELECTOR_FIELDS);
        Map<String, String> labels = new LinkedHashMap<>();
        problems.read(() -> selector.child("matchLabels")).ifPresent(matchLabels -> {
            for (String label : matchLabels.keys()) {
                problems.read(() -> matchLabels.string(label)).ifPresent(value -> labels.put(label, value));
            }
        });
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        for (ConfigView expression : problems.readList(() -> selector.children("matchExpressions"))) {
            problems.unknownKeys(expression, EXPRESSION_FIELDS);
            Optional<String> key = problems.read(() -> expression.string("key"));
            Optional<String> operator = problems.read(() -> expression.string("operator"));
            List<String> values = problems.readList(() -> expression.strings("values"));
            if (key.isEmpty()) {
                problems.at(expression, "key", "", "is required: the label key to test");
                continue;
            }
            if (operator.isEmpty()) {
                problems.at(expression, "operator", "", "is required: In, NotIn, Exists or DoesNotExist");
                continue;
            }
            try {
                requirements.add(new LabelSelector.Requirement(key.get(), LabelSelector.Operator.parse(operator.get()),
                        values));
            } catch (IllegalArgumentException e) {
                problems.at(expression, "operator", operator.get(), e.getMessage());
            }
        }
        if (problems.list().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new LabelSelector(labels, requirements));
    }
}
