package io.barelb.api.select;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A Kubernetes label selector ({@code matchLabels} and {@code matchExpressions}), as used by pools'
 * {@code serviceAllocation}, advertisements' {@code nodeSelectors} and the like. Immutable.
 *
 * <p>An empty selector matches everything, as in Kubernetes. Plugins use it to evaluate selectors of their own
 * kinds (for example {@code preferredNodeSelectors} against {@link io.barelb.api.announce.NodeFacts#labels()}):
 * {@link #fromConfig(io.barelb.api.config.ConfigView)} reads one, {@link #matches(Map)} evaluates it.
 *
 * @since 0.2
 */
public record LabelSelector(Map<String, String> matchLabels, List<Requirement> matchExpressions) {

    /** The selector that matches every object. */
    public static final LabelSelector EVERYTHING = new LabelSelector(Map.of(), List.of());

    public LabelSelector {
        matchLabels = Map.copyOf(matchLabels);
        matchExpressions = List.copyOf(matchExpressions);
    }

    /** A selector of exact label values only. */
    public static LabelSelector of(Map<String, String> matchLabels) {
        return new LabelSelector(matchLabels, List.of());
    }

    /**
     * Reads a selector object ({@code matchLabels}, {@code matchExpressions}) from configuration.
     *
     * @throws io.barelb.api.config.ConfigException naming the field when it is malformed
     */
    public static LabelSelector fromConfig(io.barelb.api.config.ConfigView selector) {
        java.util.Map<String, String> labels = new java.util.LinkedHashMap<>();
        selector.child("matchLabels").ifPresent(matchLabels ->
                matchLabels.keys().forEach(key -> labels.put(key, matchLabels.string(key).orElse(""))));
        List<Requirement> requirements = new java.util.ArrayList<>();
        for (io.barelb.api.config.ConfigView expression : selector.children("matchExpressions")) {
            String key = expression.string("key").orElse("");
            String operator = expression.string("operator").orElse("");
            try {
                requirements.add(new Requirement(key, Operator.parse(operator), expression.strings("values")));
            } catch (IllegalArgumentException e) {
                throw new io.barelb.api.config.ConfigException(expression.problemAt("operator", operator, e.getMessage()));
            }
        }
        return new LabelSelector(labels, requirements);
    }

    /** True if every label and every expression matches {@code labels}. */
    public boolean matches(Map<String, String> labels) {
        for (Map.Entry<String, String> wanted : matchLabels.entrySet()) {
            if (!wanted.getValue().equals(labels.get(wanted.getKey()))) {
                return false;
            }
        }
        for (Requirement requirement : matchExpressions) {
            if (!requirement.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    /** True if the selector has no terms (it matches everything). */
    public boolean isEmpty() {
        return matchLabels.isEmpty() && matchExpressions.isEmpty();
    }

    /** The selector in the text form kubectl accepts, e.g. {@code app=web,tier in (a,b)}. */
    @Override
    public String toString() {
        StringBuilder text = new StringBuilder();
        matchLabels.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(e.getKey()).append('=').append(e.getValue());
        });
        for (Requirement requirement : matchExpressions) {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(requirement);
        }
        return text.toString();
    }

    /** The operators of a match expression. */
    public enum Operator {
        IN("In"),
        NOT_IN("NotIn"),
        EXISTS("Exists"),
        DOES_NOT_EXIST("DoesNotExist");

        private final String kubernetesName;

        Operator(String kubernetesName) {
            this.kubernetesName = kubernetesName;
        }

        /** The operator as Kubernetes writes it. */
        public String kubernetesName() {
            return kubernetesName;
        }

        /**
         * Parses {@code In}, {@code NotIn}, {@code Exists}, {@code DoesNotExist}.
         *
         * @throws IllegalArgumentException listing the valid operators
         */
        public static Operator parse(String text) {
            for (Operator operator : values()) {
                if (operator.kubernetesName.equals(text)) {
                    return operator;
                }
            }
            throw new IllegalArgumentException("unknown operator \"" + text + "\": use In, NotIn, Exists or DoesNotExist");
        }
    }

    /**
     * One match expression.
     *
     * @param key      the label key
     * @param operator how to compare
     * @param values   the values for In/NotIn (must be non-empty there, empty for Exists/DoesNotExist)
     */
    public record Requirement(String key, Operator operator, List<String> values) {

        public Requirement {
            Objects.requireNonNull(key, "key");
            Objects.requireNonNull(operator, "operator");
            values = List.copyOf(values);
            boolean needsValues = operator == Operator.IN || operator == Operator.NOT_IN;
            if (needsValues == values.isEmpty()) {
                throw new IllegalArgumentException("operator " + operator.kubernetesName() + " on key \"" + key + "\" "
                        + (needsValues ? "needs at least one value" : "takes no values"));
            }
        }

        /** True if {@code labels} satisfy this expression. */
        public boolean matches(Map<String, String> labels) {
            String value = labels.get(key);
            return switch (operator) {
                case IN -> value != null && values.contains(value);
                case NOT_IN -> value == null || !values.contains(value);
                case EXISTS -> labels.containsKey(key);
                case DOES_NOT_EXIST -> !labels.containsKey(key);
            };
        }

        @Override
        public String toString() {
            return switch (operator) {
                case IN -> key + " in (" + String.join(",", values) + ")";
                case NOT_IN -> key + " notin (" + String.join(",", values) + ")";
                case EXISTS -> key;
                case DOES_NOT_EXIST -> "!" + key;
            };
        }
    }
}
