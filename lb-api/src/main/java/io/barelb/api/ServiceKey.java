package io.barelb.api;

import java.util.Objects;

/**
 * Names one Kubernetes Service: immutable value, ordered by namespace then name.
 *
 * @param namespace the Service's namespace, never empty
 * @param name      the Service's name, never empty
 */
public record ServiceKey(String namespace, String name) implements Comparable<ServiceKey> {

    public ServiceKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (namespace.isEmpty() || name.isEmpty()) {
            throw new IllegalArgumentException("a Service key needs a namespace and a name, got \"" + namespace + "/" + name + "\"");
        }
    }

    /** Parses {@code namespace/name}. */
    public static ServiceKey parse(String text) {
        int slash = text.indexOf('/');
        if (slash <= 0 || slash == text.length() - 1 || text.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("\"" + text + "\" is not NAMESPACE/NAME");
        }
        return new ServiceKey(text.substring(0, slash), text.substring(slash + 1));
    }

    @Override
    public int compareTo(ServiceKey other) {
        int byNamespace = namespace.compareTo(other.namespace);
        return byNamespace != 0 ? byNamespace : name.compareTo(other.name);
    }

    /** {@code namespace/name}, as kubectl writes it. */
    @Override
    public String toString() {
        return namespace + "/" + name;
    }
}
