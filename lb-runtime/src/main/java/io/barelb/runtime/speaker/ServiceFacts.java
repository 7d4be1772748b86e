package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.config.StandaloneKinds;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the speaker reads of a Service, and nothing more: a fabric8 {@link Service} holds dozens of objects (an
 * empty {@code additionalProperties} map in each), its managed fields and every annotation, which with 10,000
 * Services was a third of the speaker's heap. Immutable; repeated values (namespaces, types, label maps) are
 * interned by {@link #of(Service, WeakInterner)}.
 *
 * @param key                   namespace and name
 * @param uid                   {@code metadata.uid}, empty when not set (static files)
 * @param type                  {@code spec.type}, empty when not set
 * @param loadBalancerClass     {@code spec.loadBalancerClass}
 * @param externalTrafficPolicy {@code spec.externalTrafficPolicy}, empty when not set
 * @param labels                {@code metadata.labels} (for advertisements' {@code serviceSelectors})
 * @param healthCheck           the {@value StandaloneKinds#SERVICE_ANNOTATION} annotation, the only one the speaker reads
 * @param ingress               the addresses of {@code status.loadBalancer.ingress[].ip}; host names are not ours to
 *                              announce and are left out
 * @param sharingKey            the {@code allow-shared-ip} annotation, {@code ""} when absent (layer2's rule for
 *                              Services that may share an address)
 */
public record ServiceFacts(ServiceKey key, String uid, String type, Optional<String> loadBalancerClass,
                           String externalTrafficPolicy, Map<String, String> labels, Optional<String> healthCheck,
                           List<IpAddress> ingress, String sharingKey) {

    public ServiceFacts {
        labels = Map.copyOf(labels);
        ingress = List.copyOf(ingress);
        java.util.Objects.requireNonNull(sharingKey, "sharingKey");
    }

    /** True for {@code type: LoadBalancer}. */
    public boolean isLoadBalancer() {
        return "LoadBalancer".equals(type);
    }

    /** True for {@code externalTrafficPolicy: Local}. */
    public boolean isLocal() {
        return "Local".equals(externalTrafficPolicy);
    }

    /** The facts of {@code service}, without interning. */
    public static ServiceFacts of(Service service) {
        return of(service, new WeakInterner());
    }

    /**
     * The facts of {@code service}, repeated values taken from {@code interner}.
     *
     * @throws IllegalArgumentException when the Service has no {@code metadata.name} or {@code metadata.namespace}
     */
    static ServiceFacts of(Service service, WeakInterner interner) {
        ObjectMeta metadata = service.getMetadata();
        ServiceKey key = key("Service", metadata, interner);
        ServiceSpec spec = service.getSpec();
        Map<String, String> annotations = metadata.getAnnotations() == null ? Map.of() : metadata.getAnnotations();
        return new ServiceFacts(key, orEmpty(metadata.getUid()),
                spec == null ? "" : interner.intern(orEmpty(spec.getType())),
                Optional.ofNullable(spec == null ? null : interner.intern(spec.getLoadBalancerClass())),
                spec == null ? "" : interner.intern(orEmpty(spec.getExternalTrafficPolicy())),
                labels(metadata.getLabels(), interner),
                Optional.ofNullable(interner.intern(annotations.get(StandaloneKinds.SERVICE_ANNOTATION))),
                ingress(service),
                interner.intern(io.barelb.runtime.allocator.ServiceAnnotations.sharingKey(annotations)));
    }

    /** {@code metadata}'s namespace and name; the namespace interned. */
    static ServiceKey key(String kind, ObjectMeta metadata, WeakInterner interner) {
        String name = metadata == null ? null : metadata.getName();
        if (name == null || name.isEmpty()) {
            throw new IllegalArgumentException("a " + kind + " has no metadata.name; give it one");
        }
        String namespace = metadata.getNamespace();
        if (namespace == null || namespace.isEmpty()) {
            throw new IllegalArgumentException(kind + " \"" + name + "\" has no metadata.namespace; add one (for example"
                    + " namespace: default)");
        }
        return new ServiceKey(interner.intern(namespace), name);
    }

    /** {@code labels} as an immutable map of interned keys and values, itself interned (null: empty). */
    static Map<String, String> labels(Map<String, String> labels, WeakInterner interner) {
        if (labels == null || labels.isEmpty()) {
            return Map.of();
        }
        Map<String, String> copy = new java.util.HashMap<>();
        labels.forEach((k, v) -> copy.put(interner.intern(k), interner.intern(v == null ? "" : v)));
        return interner.intern(Map.copyOf(copy));
    }

    private static List<IpAddress> ingress(Service service) {
        if (service.getStatus() == null || service.getStatus().getLoadBalancer() == null
                || service.getStatus().getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        List<IpAddress> addresses = new ArrayList<>();
        for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
            IpAddress address = IpAddress.tryParse(ingress.getIp());
            if (address != null) {
                addresses.add(address);
            }
        }
        return addresses;
    }

    private static String orEmpty(String value) {
        return value == null ? "" : value;
    }
}
