package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps MetalLB's {@code ServiceL2Status} objects of this node in the configuration namespace equal to what the
 * {@code layer2} announcer reports: one per Service this node announces (status {@code node}, {@code serviceName},
 * {@code serviceNamespace}, {@code interfaces}), none for the others. Other protocols get no status object (see
 * docs/plugins.md). Writes run on an own thread, newest status first (an older one not yet written is skipped);
 * a failed write (for example the CRD is not installed) is logged once at warn, then at debug, and retried with
 * the next change. Thread-safe.
 */
final class KubernetesStatusResources implements StatusResources {

    static final ResourceDefinitionContext TYPE = ConfigResourceTypes.of("metallb.io", "v1beta1", "ServiceL2Status",
            "servicel2statuses");
    static final String NODE_LABEL = "metallb.io/node";
    static final String SERVICE_NAME_LABEL = "metallb.io/service-name";
    static final String SERVICE_NAMESPACE_LABEL = "metallb.io/service-namespace";
    private static final String LAYER2 = "layer2";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesStatusResources.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String nodeName;
    private final AtomicReference<Map<ServiceKey, Set<String>>> pending = new AtomicReference<>();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "speaker-status-writer");
        thread.setDaemon(true);
        return thread;
    });
    private boolean warned;

    KubernetesStatusResources(KubernetesClient client, String namespace, String nodeName) {
        this.client = client;
        this.namespace = namespace;
        this.nodeName = nodeName;
    }

    @Override
    public void publish(String protocol, List<AnnouncementStatus> statuses) {
        if (!LAYER2.equals(protocol)) {
            return;
        }
        Map<ServiceKey, Set<String>> announced = new TreeMap<>();
        for (AnnouncementStatus status : statuses) {
            if (status.announced()) {
                announced.computeIfAbsent(status.service(), k -> new TreeSet<>()).addAll(status.where());
            }
        }
        if (pending.getAndSet(announced) == null) {
            writer.execute(this::writePending);
        }
    }

    private void writePending() {
        Map<ServiceKey, Set<String>> desired = pending.getAndSet(null);
        if (desired == null) {
            return;
        }
        try {
            write(desired);
            warned = false;
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
            String message = "cannot write ServiceL2Status objects in " + namespace + " (HTTP " + e.getCode() + ": "
                    + reason + "); install the CRD servicel2statuses.metallb.io and the speaker's Role";
            if (warned) {
                LOG.debug(message);
            } else {
                LOG.warn(message);
                warned = true;
            }
        }
    }

    private void write(Map<ServiceKey, Set<String>> desired) {
        var resources = client.genericKubernetesResources(TYPE).inNamespace(namespace);
        Map<ServiceKey, GenericKubernetesResource> existing = new HashMap<>();
        for (GenericKubernetesResource object : resources.withLabel(NODE_LABEL, nodeName).list().getItems()) {
            Map<String, String> labels = object.getMetadata().getLabels();
            ServiceKey key = new ServiceKey(labels.getOrDefault(SERVICE_NAMESPACE_LABEL, ""),
                    labels.getOrDefault(SERVICE_NAME_LABEL, ""));
            if (!desired.containsKey(key) || existing.containsKey(key)) {
                resources.resource(object).delete();
            } else {
                existing.put(key, object);
            }
        }
        desired.forEach((service, interfaces) -> {
            Map<String, Object> status = status(service, interfaces);
            GenericKubernetesResource object = existing.get(service);
            if (object != null && status.equals(object.getAdditionalProperties().get("status"))) {
                return;
            }
            if (object == null) {
                object = resources.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("metallb.io/v1beta1").withKind("ServiceL2Status")
                        .withNewMetadata().withGenerateName("l2-").withNamespace(namespace)
                        .withLabels(Map.of(NODE_LABEL, nodeName, SERVICE_NAME_LABEL, service.name(),
                                SERVICE_NAMESPACE_LABEL, service.namespace()))
                        .endMetadata().build()).create();
            }
            object.setAdditionalProperty("status", status);
            resources.resource(object).updateStatus();
        });
    }

    private Map<String, Object> status(ServiceKey service, Set<String> interfaces) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", nodeName);
        status.put("serviceName", service.name());
        status.put("serviceNamespace", service.namespace());
        status.put("interfaces", interfaces.stream().map(name -> Map.of("name", name)).toList());
        return status;
    }

    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        writer.shutdownNow();
    }
}
