package io.barelb.runtime.speaker;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads Secrets of the configuration namespace from the Kubernetes API, one {@code get} per call (the speaker's
 * Role allows {@code get} on Secrets in that namespace only), so a changed password is seen on the next apply.
 * A Secret that cannot be read is logged with the API's status, never with a value. Thread-safe.
 */
final class KubernetesSecrets implements SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesSecrets.class);

    private final KubernetesClient client;
    private final String namespace;

    KubernetesSecrets(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    @Override
    public Optional<String> value(String name, String key) {
        Secret secret;
        try {
            secret = client.secrets().inNamespace(namespace).withName(name).get();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot read Secret {}/{} (HTTP {}); the speaker's Role must allow get on secrets in {}",
                    namespace, name, e.getCode(), namespace);
            return Optional.empty();
        }
        if (secret == null) {
            return Optional.empty();
        }
        return SecretValues.value(namespace + "/" + name, secret.getData(), secret.getStringData(), key);
    }
}
