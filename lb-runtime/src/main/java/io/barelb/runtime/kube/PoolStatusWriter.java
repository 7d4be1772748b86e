package io.barelb.runtime.kube;

import io.barelb.api.net.IpFamily;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.config.ConfigKinds;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code status.assignedIPv4/IPv6} and {@code availableIPv4/IPv6} of every {@code IPAddressPool} CR (of
 * either group) through the status subresource, only when the numbers changed (and differ from those the cached
 * object holds, so a new term over unchanged pools writes nothing). Pools from the legacy ConfigMap
 * have no object to write to. Not thread-safe: called from the reconcile thread.
 */
public final class PoolStatusWriter {

    private static final Logger LOG = LoggerFactory.getLogger(PoolStatusWriter.class);

    private final KubernetesClient client;
    private final String namespace;
    private final Map<String, Map<String, Object>> written = new HashMap<>();

    public PoolStatusWriter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Writes the usage of every pool CR found under {@code pools} whose numbers changed since the last write. */
    public void write(List<PoolUsage> usage, ControllerInformers cache) {
        Map<String, Map<String, Object>> wanted = new LinkedHashMap<>();
        for (PoolUsage pool : usage) {
            Map<String, Object> status = wanted.computeIfAbsent(pool.pool(), p -> emptyStatus());
            String family = pool.family() == IpFamily.IPV4 ? "IPv4" : "IPv6";
            status.put("assigned" + family, pool.assigned());
            status.put("available" + family, clamp(pool.available()));
        }
        for (Map.Entry<String, Map<String, Object>> entry : wanted.entrySet()) {
            if (entry.getValue().equals(written.get(entry.getKey()))) {
                continue;
            }
            for (Map.Entry<ResourceDefinitionContext, GenericKubernetesResource> found
                    : cache.resources(ConfigKinds.IP_ADDRESS_POOL, entry.getKey()).entrySet()) {
                if (sameNumbers(entry.getValue(), found.getValue().getAdditionalProperties().get("status"))) {
                    written.put(entry.getKey(), entry.getValue()); // stored already, e.g. by the previous term
                    continue;
                }
                GenericKubernetesResource copy = client.getKubernetesSerialization().clone(found.getValue());
                copy.setAdditionalProperty("status", entry.getValue());
                try {
                    client.genericKubernetesResources(found.getKey()).inNamespace(namespace).resource(copy).updateStatus();
                    written.put(entry.getKey(), entry.getValue());
                } catch (KubernetesClientException e) {
                    LOG.debug("could not write the status of IPAddressPool {}: {}", entry.getKey(), e.getMessage());
                }
            }
        }
    }

    /** True if {@code stored} (a status as read, numbers of any width) holds exactly the numbers of {@code wanted}. */
    static boolean sameNumbers(Map<String, Object> wanted, Object stored) {
        if (!(stored instanceof Map<?, ?> map) || map.size() != wanted.size()) {
            return false;
        }
        for (Map.Entry<String, Object> entry : wanted.entrySet()) {
            if (!(map.get(entry.getKey()) instanceof Number number)
                    || number.longValue() != ((Number) entry.getValue()).longValue()) {
                return false;
            }
        }
        return true;
    }

    private static Map<String, Object> emptyStatus() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("assignedIPv4", 0L);
        status.put("assignedIPv6", 0L);
        status.put("availableIPv4", 0L);
        status.put("availableIPv6", 0L);
        return status;
    }

    private static long clamp(BigInteger value) {
        return value.bitLength() < 63 ? value.longValue() : Long.MAX_VALUE;
    }
}
