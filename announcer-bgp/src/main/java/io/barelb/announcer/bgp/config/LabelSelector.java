package io.barelb.announcer.bgp.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}). Immutable. An empty selector
 * matches everything. The plugin's own until lb-api offers one.
 *
 * @param matchLabels      exact label values
 * @param matchExpressions the expressions, all of which must hold
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** True if every label and every expression matches {@code labels}. */
    public boolean matches(Map<String, String> labels) {
        return matchLabels.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())))
                && matchExpressions.stream().allMatch(r -> r.matches(labels));
    }

    /** True if no selector is given or any of {@code selectors} matches (Kubernetes' "one of these" lists). */
    public static boolean anyMatches(List<LabelSelector> selectors, Map<String, String> labels) {
        return selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(labels));
    }

    /** A canonical text, equal for selectors that mean the same (used to find duplicates). */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(matchLabels).forEach((k, v) -> text.append(text.length() > 0 ? "," : "").append(k).append('=')
                .append(v));
        matchExpressions.stream().map(Requirement::toString).sorted()
                .forEach(r -> text.append(text.length() > 0 ? "," : "").append(r));
        return text.toString();
    }

    /** The operators of a match expression, as Kubernetes writes them. */
    public enum Operator {
        In, NotIn, Exists, DoesNotExist
    }

    /**
     * One match expression.
     *
     * @param key      the label key
     * @param operator how to compare
     * @param values   the values for In/NotIn
     */
    public record Requirement(String key, Operator operator, List<String> values) {

        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
        }

        /** True if {@code labels} satisfy this expression. */
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case In -> value != null && values.contains(value);
                case NotIn -> value == null || !values.contains(value);
                case Exists -> labels.containsKey(key);
                case DoesNotExist -> !labels.containsKey(key);
            };
        }

        @Override
        public String toString() {
            return key + " " + operator + " (" + String.join(",", values.stream().sorted().toList()) + ")";
        }
    }
}
