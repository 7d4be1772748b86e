package io.barelb.runtime.speaker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Secrets of the static mode: every {@code apiVersion: v1, kind: Secret} document among the files whose
 * {@code metadata.namespace} is the configuration namespace (or absent). {@link StaticClusterSource} replaces
 * them on each read; plugins read them at any time. Thread-safe.
 */
final class StaticSecrets implements SecretStore {

    private static final Logger LOG = LoggerFactory.getLogger(StaticSecrets.class);

    private final String namespace;
    private volatile Map<String, Map<?, ?>> secrets = Map.of();

    StaticSecrets(String namespace) {
        this.namespace = namespace;
    }

    /** True for a {@code v1 Secret} document. */
    static boolean isSecret(Object document) {
        return document instanceof Map<?, ?> map && "v1".equals(map.get("apiVersion")) && "Secret".equals(map.get("kind"));
    }

    /** Keeps the Secrets among {@code documents}, dropping those read before. */
    void replace(String source, List<?> documents) {
        Map<String, Map<?, ?>> found = new HashMap<>();
        for (Object document : documents) {
            if (!isSecret(document)) {
                continue;
            }
            Map<?, ?> secret = (Map<?, ?>) document;
            Map<?, ?> metadata = secret.get("metadata") instanceof Map<?, ?> m ? m : Map.of();
            Object name = metadata.get("name");
            Object inNamespace = metadata.get("namespace");
            if (!(name instanceof String secretName) || secretName.isEmpty()) {
                LOG.warn("a Secret in {} has no metadata.name; it is ignored", source);
            } else if (inNamespace != null && !namespace.equals(inNamespace)) {
                LOG.info("Secret {}/{} in {} is ignored: plugins read Secrets of the configuration namespace {} only",
                        inNamespace, secretName, source, namespace);
            } else if (found.put(secretName, secret) != null) {
                LOG.warn("Secret {}/{} appears twice in {}; the last one is used", namespace, secretName, source);
            }
        }
        secrets = Map.copyOf(found);
    }

    @Override
    public Optional<String> value(String name, String key) {
        Map<?, ?> secret = secrets.get(name);
        if (secret == null) {
            return Optional.empty();
        }
        return SecretValues.value(namespace + "/" + name, secret.get("data") instanceof Map<?, ?> d ? d : null,
                secret.get("stringData") instanceof Map<?, ?> s ? s : null, key);
    }
}
