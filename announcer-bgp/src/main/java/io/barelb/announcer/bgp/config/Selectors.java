package io.barelb.announcer.bgp.config;

import io.barelb.api.config.ConfigView;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads label selector lists from configuration, with MetalLB's rules ({@code validateLabelSelectorDuplicate} in
 * {@code internal/config/config.go}): no selector twice in a list, no expression twice in a selector, no value
 * twice in an expression, and the operator rules of {@code metav1.LabelSelectorAsSelector}.
 */
final class Selectors {

    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> EXPRESSION_FIELDS = Set.of("key", "operator", "values");

    private Selectors() {
    }

    /** Every good selector of the list at {@code key}; problems are collected and bad selectors left out. */
    static List<LabelSelector> list(ConfigView view, String key, Problems problems) {
        List<LabelSelector> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ConfigView> items = problems.readList(() -> view.children(key));
        for (int i = 0; i < items.size(); i++) {
            Optional<LabelSelector> selector = one(items.get(i), problems);
            if (selector.isPresent()) {
                if (!seen.add(selector.get().toString())) {
                    problems.at(view, key + "[" + i + "]", selector.get().toString(),
                            "duplicate selector in this list; remove one");
                } else {
                    result.add(selector.get());
                }
            }
        }
        return List.copyOf(result);
    }

    private static Optional<LabelSelector> one(ConfigView selector, Problems problems) {
        int before = problems.list().size();
        problems.unknownKeys(selector, SELECTOR_FIELDS);
        Map<String, String> labels = new LinkedHashMap<>();
        problems.read(() -> selector.child("matchLabels")).ifPresent(matchLabels -> {
            for (String label : matchLabels.keys()) {
                problems.read(() -> matchLabels.string(label)).ifPresent(value -> labels.put(label, value));
            }
        });
        List<LabelSelector.Requirement> requirements = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (ConfigView expression : problems.readList(() -> selector.children("matchExpressions"))) {
            requirement(expression, problems).ifPresent(r -> {
                if (!seen.add(r.toString())) {
                    problems.at(expression, "key", r.key(), "duplicate match expression in this selector; remove one");
                }
                requirements.add(r);
            });
        }
        return problems.list().size() == before ? Optional.of(new LabelSelector(labels, requirements))
                : Optional.empty();
    }

    private static Optional<LabelSelector.Requirement> requirement(ConfigView expression, Problems problems) {
        problems.unknownKeys(expression, EXPRESSION_FIELDS);
        Optional<String> key = problems.read(() -> expression.string("key"));
        Optional<String> operator = problems.read(() -> expression.string("operator"));
        List<String> values = problems.readList(() -> expression.strings("values"));
        if (key.isEmpty()) {
            problems.at(expression, "key", "", "is required: the label key to test");
            return Optional.empty();
        }
        LabelSelector.Operator op;
        try {
            op = LabelSelector.Operator.valueOf(operator.orElse(""));
        } catch (IllegalArgumentException e) {
            problems.at(expression, "operator", operator.orElse(""), "must be In, NotIn, Exists or DoesNotExist");
            return Optional.empty();
        }
        boolean needsValues = op == LabelSelector.Operator.In || op == LabelSelector.Operator.NotIn;
        if (needsValues == values.isEmpty()) {
            problems.at(expression, "values", String.join(",", values), needsValues
                    ? "must list at least one value for operator " + op : "must be empty for operator " + op);
            return Optional.empty();
        }
        if (new HashSet<>(values).size() != values.size()) {
            problems.at(expression, "values", String.join(",", values), "lists a value twice; remove the duplicate");
            return Optional.empty();
        }
        return Optional.of(new LabelSelector.Requirement(key.get(), op, values));
    }
}
