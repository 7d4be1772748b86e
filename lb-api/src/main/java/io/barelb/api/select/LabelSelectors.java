package io.barelb.api.select;

import io.barelb.api.config.ConfigView;
import io.barelb.api.config.Problems;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads lists of label selectors ({@code nodeSelectors}, {@code serviceSelectors}, {@code ipAddressPoolSelectors},
 * ...) from configuration with MetalLB's rules ({@code validateLabelSelectorDuplicate} in
 * {@code internal/config/config.go}): no selector twice in a list, no expression twice in a selector, no value twice
 * in an expression, and the operator rules of {@code metav1.LabelSelectorAsSelector}. The runtime reads its
 * selectors with it, and so may any plugin. Pure.
 *
 * @since 0.3
 */
public final class LabelSelectors {

    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> EXPRESSION_FIELDS = Set.of("key", "operator", "values");

    private LabelSelectors() {
    }

    /** Every good selector of the list at {@code key}; problems are collected and bad selectors left out. */
    public static List<LabelSelector> list(ConfigView view, String key, Problems problems) {
        List<LabelSelector> result = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        List<ConfigView> items = problems.readList(() -> view.children(key));
        for (int i = 0; i < items.size(); i++) {
            Optional<LabelSelector> selector = one(items.get(i), problems);
            if (selector.isPresent()) {
                if (!seen.add(canonical(selector.get()))) {
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
                if (!seen.add(canonical(r))) {
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
            op = LabelSelector.Operator.parse(operator.orElse(""));
        } catch (IllegalArgumentException e) {
            problems.at(expression, "operator", operator.orElse(""), "must be In, NotIn, Exists or DoesNotExist");
            return Optional.empty();
        }
        boolean needsValues = op == LabelSelector.Operator.IN || op == LabelSelector.Operator.NOT_IN;
        if (needsValues == values.isEmpty()) {
            String name = op.kubernetesName();
            problems.at(expression, "values", String.join(",", values), needsValues
                    ? "must list at least one value for operator " + name : "must be empty for operator " + name);
            return Optional.empty();
        }
        if (new HashSet<>(values).size() != values.size()) {
            problems.at(expression, "values", String.join(",", values), "lists a value twice; remove the duplicate");
            return Optional.empty();
        }
        return Optional.of(new LabelSelector.Requirement(key.get(), op, values));
    }

    /** True if no selector is given or any of {@code selectors} matches (Kubernetes' "one of these" lists). */
    public static boolean anyMatches(List<LabelSelector> selectors, Map<String, String> labels) {
        return selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(labels));
    }

    /**
     * The text MetalLB compares to find a duplicate ({@code validateLabelSelectorDuplicate}): labels by key, the
     * expressions in their order, each with its values sorted.
     */
    private static String canonical(LabelSelector selector) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(selector.matchLabels()).forEach((k, v) -> text.append(k).append('=').append(v).append(';'));
        selector.matchExpressions().forEach(r -> text.append(canonical(r)).append(';'));
        return text.toString();
    }

    private static String canonical(LabelSelector.Requirement requirement) {
        return requirement.key() + " " + requirement.operator().kubernetesName() + " "
                + requirement.values().stream().sorted().toList();
    }
}
