package io.barelb.runtime.kube;

import io.barelb.api.net.IpAddress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Writes {@code status.loadBalancer.ingress} through the status subresource (a PUT of the status, never a merge
 * patch, so the list is replaced, not appended to), carrying the {@link AllocatedPoolAnnotation} in the same
 * request, as MetalLB's controller does: the API server keeps a Service's metadata from a status write (it resets
 * only the spec). One request per assignment. Thread-safe.
 */
public final class ServiceStatusWriter {

    private final KubernetesClient client;

    public ServiceStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes the Service's ingress list exactly {@code addresses} (empty clears it) and its pool annotation say
     * {@code pool} (empty removes it). Based on the cached object; when that is stale (409 Conflict) the newest
     * object is read and the status written on it.
     *
     * @return the Service as the API server stored it (an API server that drops metadata from a status write
     *         returns it without the annotation), or empty if the Service no longer exists
     */
    public Optional<Service> write(Service cached, List<IpAddress> addresses, Optional<String> pool) {
        LoadBalancerStatus wanted = KubeServices.loadBalancerStatus(addresses);
        String namespace = cached.getMetadata().getNamespace();
        String name = cached.getMetadata().getName();
        try {
            return Optional.of(client.services().inNamespace(namespace).resource(withStatus(cached, wanted, pool))
                    .updateStatus());
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return Optional.empty();
            }
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        Service fresh = client.services().inNamespace(namespace).withName(name).get();
        if (fresh == null) {
            return Optional.empty();
        }
        return Optional.of(client.services().inNamespace(namespace).resource(withStatus(fresh, wanted, pool))
                .updateStatus());
    }

    private static Service withStatus(Service service, LoadBalancerStatus wanted, Optional<String> pool) {
        ServiceStatus status = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
        ServiceStatus copy = new io.fabric8.kubernetes.api.model.ServiceStatusBuilder(status)
                .withLoadBalancer(wanted).build();
        Map<String, String> annotations = new LinkedHashMap<>(KubeServices.orEmpty(service.getMetadata().getAnnotations()));
        pool.ifPresentOrElse(p -> annotations.put(AllocatedPoolAnnotation.KEY, p),
                () -> annotations.remove(AllocatedPoolAnnotation.KEY));
        return new ServiceBuilder(service).withStatus(copy).editMetadata()
                .withAnnotations(annotations.isEmpty() && service.getMetadata().getAnnotations() == null ? null : annotations)
                .endMetadata().build();
    }
}
