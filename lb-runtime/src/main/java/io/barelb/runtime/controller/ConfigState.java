package io.barelb.runtime.controller;

import io.barelb.api.config.ConfigProblem;
import io.barelb.runtime.config.ClusterConfig;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The configuration status the controller reports: the configuration in force (the last good one) and, when
 * the newest one was rejected, why. Immutable.
 *
 * @param inForce   the configuration in use; empty until a valid one was read
 * @param problems  why the newest configuration was rejected; empty when it is the one in force
 * @param changedAt when this state was reached
 */
public record ConfigState(Optional<ClusterConfig> inForce, List<ConfigProblem> problems, Instant changedAt) {

    public ConfigState {
        problems = List.copyOf(problems);
    }

    /** Nothing read yet. */
    static ConfigState initial(Instant now) {
        return new ConfigState(Optional.empty(), List.of(), now);
    }

    /** True when a configuration is in force. */
    public boolean loaded() {
        return inForce.isPresent();
    }

    /** True when the newest configuration was rejected (the one in force, if any, is older). */
    public boolean stale() {
        return !problems.isEmpty();
    }

    /** {@code Valid}, {@code Invalid} or {@code Unknown}, as MetalLB's ConfigurationState writes it. */
    public String result() {
        return stale() ? "Invalid" : loaded() ? "Valid" : "Unknown";
    }
}
