package io.barelb.api.config;

import java.util.Optional;

/**
 * What the host offers a factory while it validates configuration (an announcer's resources, an IPAM plugin's
 * pool entries): the plugin's settings and read-only access to Secrets. Thread-safe. Validation stays pure: do not
 * keep what you read here, and never put a secret's value into a {@link ConfigProblem} (problems are printed, logged
 * and recorded as Events).
 *
 * @since 0.2
 */
public interface ValidationContext {

    /** The plugin's name: the name of its folder under {@code plugins/}. */
    String pluginName();

    /**
     * A setting of this plugin, answered exactly as {@code PluginContext.setting(String)} answers it in the same
     * process; empty when not set.
     */
    default Optional<String> setting(String name) {
        return Optional.empty();
    }

    /**
     * A value from a Secret in the configuration namespace (e.g. to check that a referenced password exists), or
     * empty if the Secret or key does not exist or this process cannot read Secrets ({@code barelb validate} on
     * files without Secret manifests). Read-only.
     */
    default Optional<String> secret(String name, String key) {
        return Optional.empty();
    }

    /** A context with no settings and no Secrets, for the plugin {@code pluginName} (tests, tools). */
    static ValidationContext empty(String pluginName) {
        return () -> pluginName;
    }
}
