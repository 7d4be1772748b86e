package io.barelb.runtime.host;

import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The settings the host offers plugins ({@link io.barelb.api.PluginContext#setting(String)}): what the operator
 * set wins (system property {@code barelb.memberlist.seeds} for the name {@code BARELB_MEMBERLIST_SEEDS}, then
 * the environment variable itself), then what the host derived from the cluster. Immutable.
 */
public final class PluginSettings {

    private final Map<String, String> derived;
    private final UnaryOperator<String> operator;

    /** Operator settings from system properties and the environment, plus {@code derived} values. */
    public static PluginSettings fromSystem(Map<String, String> derived) {
        return new PluginSettings(derived, name -> {
            String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
            return property != null ? property : System.getenv(name);
        });
    }

    /** Settings with the given operator look-up (tests). */
    public PluginSettings(Map<String, String> derived, UnaryOperator<String> operator) {
        this.derived = Map.copyOf(derived);
        this.operator = operator;
    }

    /** The value of a setting, or empty. */
    public Optional<String> get(String name) {
        String set = operator.apply(name);
        if (set != null && !set.isBlank()) {
            return Optional.of(set);
        }
        return Optional.ofNullable(derived.get(name));
    }
}
