package io.barelb.runtime.config;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of validating a {@link ConfigInput}: every problem, or the valid configuration and its summary.
 * Immutable.
 *
 * @param problems every problem found, in a stable order; empty when valid
 * @param config   the configuration, present exactly when there is no problem
 * @param summary  human-readable lines describing a valid configuration (pools, addresses, advertisements,
 *                 peers); empty when invalid
 * @param notices  what was left out or is announced by nobody without making the configuration invalid (a kind no
 *                 installed plugin claims); reported, never blocking
 */
public record Validation(List<ConfigProblem> problems, Optional<ClusterConfig> config, List<String> summary,
                         List<ConfigProblem> notices) {

    public Validation {
        problems = List.copyOf(problems);
        summary = List.copyOf(summary);
        notices = List.copyOf(notices);
        if (problems.isEmpty() != config.isPresent()) {
            throw new IllegalArgumentException("a validation has either problems or a configuration");
        }
    }

    public boolean valid() {
        return problems.isEmpty();
    }

    /** The configuration, or a {@link ConfigException} carrying every problem. */
    public ClusterConfig orThrow() {
        return config.orElseThrow(() -> new ConfigException(problems));
    }
}
