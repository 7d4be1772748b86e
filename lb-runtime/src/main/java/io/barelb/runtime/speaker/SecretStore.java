package io.barelb.runtime.speaker;

import java.util.Optional;

/**
 * Where a speaker reads Secrets for its plugins ({@link io.barelb.api.PluginContext#secret(String, String)}):
 * the Kubernetes API ({@link KubernetesSecrets}) or the static files ({@link StaticSecrets}), always the
 * configuration namespace only. Thread-safe. An implementation never logs, reports or throws a value.
 */
interface SecretStore {

    /** The value under {@code key} of Secret {@code name}, or empty when either does not exist or cannot be read. */
    Optional<String> value(String name, String key);
}
