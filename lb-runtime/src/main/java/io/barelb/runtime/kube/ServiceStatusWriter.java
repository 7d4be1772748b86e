package io.barelb.runtime.kube;

import io.barelb.api.net.IpAddress;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.net.HttpURLConnection;
import java.util.List;

/**
 * Writes {@code status.loadBalancer.ingress} through the status subresource (a PUT of the status, never a merge
 * patch, so the list is replaced, not appended to). Thread-safe.
 */
public final class ServiceStatusWriter {

    private final KubernetesClient client;

    public ServiceStatusWriter(KubernetesClient client) {
        this.client = client;
    }

    /**
     * Makes the Service's ingress list exactly {@code addresses} (empty clears it). Based on the cached object;
     * when that is stale (409 Conflict) the newest object is read and the status written on it.
     *
     * @return false if the Service no longer exists
     */
    public boolean write(Service cached, List<IpAddress> addresses) {
        LoadBalancerStatus wanted = KubeServices.loadBalancerStatus(addresses);
        String namespace = cached.getMetadata().getNamespace();
        String name = cached.getMetadata().getName();
        try {
            client.services().inNamespace(namespace).resource(withStatus(cached, wanted)).updateStatus();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == HttpURLConnection.HTTP_NOT_FOUND) {
                return false;
            }
            if (e.getCode() != HttpURLConnection.HTTP_CONFLICT) {
                throw e;
            }
        }
        Service fresh = client.services().inNamespace(namespace).withName(name).get();
        if (fresh == null) {
            return false;
        }
        client.services().inNamespace(namespace).resource(withStatus(fresh, wanted)).updateStatus();
        return true;
    }

    private static Service withStatus(Service service, LoadBalancerStatus wanted) {
        ServiceStatus status = service.getStatus() == null ? new ServiceStatus() : service.getStatus();
        ServiceStatus copy = new io.fabric8.kubernetes.api.model.ServiceStatusBuilder(status)
                .withLoadBalancer(wanted).build();
        return new ServiceBuilder(service).withStatus(copy).build();
    }
}
