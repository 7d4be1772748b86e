package io.barelb.runtime.controller;

import java.util.Objects;
import java.util.Optional;

/**
 * How the controller is run. Immutable.
 *
 * @param namespace     the namespace holding the configuration (and the leader-election Lease)
 * @param configMapName the legacy ConfigMap's name
 * @param lbClass       the {@code spec.loadBalancerClass} handled; empty: Services without a class
 * @param identity      this replica's name for leader election (the pod name)
 */
public record ControllerOptions(String namespace, String configMapName, Optional<String> lbClass, String identity) {

    /** MetalLB's namespace. */
    public static final String DEFAULT_NAMESPACE = "metallb-system";

    public ControllerOptions {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(configMapName, "configMapName");
        Objects.requireNonNull(lbClass, "lbClass");
        Objects.requireNonNull(identity, "identity");
    }

    /** Defaults: {@code metallb-system}, ConfigMap {@code config}, no class. */
    public static ControllerOptions defaults(String identity) {
        return new ControllerOptions(DEFAULT_NAMESPACE, "config", Optional.empty(), identity);
    }

    /** The same options handling class {@code name}. */
    public ControllerOptions withLbClass(String name) {
        return new ControllerOptions(namespace, configMapName, Optional.of(name), identity);
    }

    /** The same options in another namespace. */
    public ControllerOptions withNamespace(String name) {
        return new ControllerOptions(name, configMapName, lbClass, identity);
    }
}
