package io.barelb.api.config;

import java.util.List;
import java.util.Optional;

/**
 * What the host offers a factory while it validates configuration (an announcer's resources, an IPAM plugin's
 * pool entries): the plugin's settings, read-only access to Secrets and, for an announcer, the pools of the
 * configuration (since 0.3). Thread-safe. Validation stays pure: do not
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

    /**
     * The pools of the configuration being validated, each with the entries its IPAM plugins could read (a pool
     * whose entries are all unreadable has none; its problems are reported by the runtime). For rules that judge a
     * plugin's resources against the pools they select, with {@code io.barelb.api.select.PoolSelection.selectedBy}; the
     * pools' own rules are the runtime's. Offered to {@code AnnouncerFactory.validate}; empty for
     * {@code IpamFactory.create} (the pools are being read then) and when the host offers no pools (a context built by
     * {@link #empty(String)}). The runtime calls {@code validate} again whenever the pools change.
     *
     * @since 0.3
     */
    default List<PoolFacts> pools() {
        return List.of();
    }

    /** A context with no settings and no Secrets, for the plugin {@code pluginName} (tests, tools). */
    static ValidationContext empty(String pluginName) {
        return () -> pluginName;
    }
}
