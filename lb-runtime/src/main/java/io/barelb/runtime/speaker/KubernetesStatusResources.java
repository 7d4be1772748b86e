package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.ServiceStatus;
import io.barelb.api.announce.StatusKind;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps this node's per-Service status objects in the configuration namespace equal to what each announcer lists
 * ({@code Announcer.serviceStatuses()}), as objects of the {@link StatusKind} its factory declares: one per Service
 * (status {@code node}, {@code serviceName}, {@code serviceNamespace} and the announcer's fields; labels
 * {@code metallb.io/node}, {@code metallb.io/service-name}, {@code metallb.io/service-namespace}), none for the
 * others; for an {@linkplain StatusKind#exclusive() exclusive} kind also the other nodes' objects of the Services
 * this node lists (the new owner's object replaces the old owner's after a failover). New objects are owned by the
 * speaker's Pod when it is known ({@link SpeakerPod}). The runtime knows no kind and no field of its own: MetalLB's {@code ServiceL2Status} and
 * {@code ServiceBGPStatus} are the layer2 and bgp plugins' declarations. Writes run on an own thread, newest
 * status first per kind (an older one not yet written is skipped); a failed write (for example the CRD is not
 * installed) is logged once per kind at warn, then at debug, and retried with the next change. Thread-safe.
 */
final class KubernetesStatusResources implements StatusResources {

    static final String NODE_LABEL = "metallb.io/node";
    static final String SERVICE_NAME_LABEL = "metallb.io/service-name";
    static final String SERVICE_NAMESPACE_LABEL = "metallb.io/service-namespace";
    private static final Logger LOG = LoggerFactory.getLogger(KubernetesStatusResources.class);

    private final KubernetesClient client;
    private final String namespace;
    private final String nodeName;
    private final Optional<OwnerReference> owner;
    private final Map<StatusKind, List<ServiceStatus>> pending = new LinkedHashMap<>();
    private final Set<StatusKind> warned = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final ExecutorService writer = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "speaker-status-writer");
        thread.setDaemon(true);
        return thread;
    });

    KubernetesStatusResources(KubernetesClient client, String namespace, String nodeName) {
        this(client, namespace, nodeName, Optional.empty());
    }

    /** @param owner the owner reference of new objects (the speaker's Pod), if any */
    KubernetesStatusResources(KubernetesClient client, String namespace, String nodeName, Optional<OwnerReference> owner) {
        this.client = client;
        this.namespace = namespace;
        this.nodeName = nodeName;
        this.owner = owner;
    }

    @Override
    public void publish(StatusKind kind, List<ServiceStatus> statuses) {
        Map<ServiceKey, ServiceStatus> byService = new TreeMap<>();
        statuses.forEach(status -> byService.putIfAbsent(status.service(), status));
        boolean queued;
        synchronized (pending) {
            queued = pending.put(kind, List.copyOf(byService.values())) != null;
        }
        if (!queued) {
            writer.execute(() -> writePending(kind));
        }
    }

    private void writePending(StatusKind kind) {
        List<ServiceStatus> desired;
        synchronized (pending) {
            desired = pending.remove(kind);
        }
        if (desired == null) {
            return;
        }
        try {
            write(kind, desired);
            warned.remove(kind);
        } catch (KubernetesClientException e) {
            String reason = e.getStatus() == null ? e.getMessage() : e.getStatus().getMessage();
            String message = "cannot write " + kind.kind() + " objects in " + namespace + " (HTTP " + e.getCode() + ": "
                    + reason + "); install the CRD " + kind.plural() + "." + kind.group() + " and the speaker's Role";
            if (warned.add(kind)) {
                LOG.warn(message);
            } else {
                LOG.debug(message);
            }
        }
    }

    private void write(StatusKind kind, List<ServiceStatus> desired) {
        var resources = client.genericKubernetesResources(ConfigResourceTypes.of(kind)).inNamespace(namespace);
        Map<ServiceKey, ServiceStatus> wanted = new HashMap<>();
        desired.forEach(status -> wanted.put(status.service(), status));
        Map<ServiceKey, GenericKubernetesResource> existing = new HashMap<>();
        List<GenericKubernetesResource> listed = kind.exclusive() ? resources.list().getItems()
                : resources.withLabel(NODE_LABEL, nodeName).list().getItems();
        for (GenericKubernetesResource object : listed) {
            Map<String, String> labels = object.getMetadata().getLabels() == null ? Map.of()
                    : object.getMetadata().getLabels();
            ServiceKey key = new ServiceKey(labels.getOrDefault(SERVICE_NAMESPACE_LABEL, ""),
                    labels.getOrDefault(SERVICE_NAME_LABEL, ""));
            if (!nodeName.equals(labels.get(NODE_LABEL))) {
                if (wanted.containsKey(key)) {
                    LOG.info("{} {} of node {} for Service {} removed: this node announces the Service now", kind.kind(),
                            object.getMetadata().getName(), labels.get(NODE_LABEL), key);
                    resources.resource(object).delete();
                }
            } else if (!wanted.containsKey(key) || existing.containsKey(key)) {
                resources.resource(object).delete();
            } else {
                existing.put(key, object);
            }
        }
        for (ServiceStatus wantedStatus : desired) {
            ServiceKey service = wantedStatus.service();
            Map<String, Object> status = status(wantedStatus);
            GenericKubernetesResource object = existing.get(service);
            if (object != null && status.equals(object.getAdditionalProperties().get("status"))) {
                continue;
            }
            if (object == null) {
                object = resources.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion(kind.apiVersion()).withKind(kind.kind())
                        .withNewMetadata().withGenerateName(kind.namePrefix()).withNamespace(namespace)
                        .withLabels(Map.of(NODE_LABEL, nodeName, SERVICE_NAME_LABEL, service.name(),
                                SERVICE_NAMESPACE_LABEL, service.namespace()))
                        .withOwnerReferences(owner.stream().toList())
                        .endMetadata().build()).create();
            }
            object.setAdditionalProperty("status", status);
            resources.resource(object).updateStatus();
        }
    }

    private Map<String, Object> status(ServiceStatus service) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("node", nodeName);
        status.put("serviceName", service.service().name());
        status.put("serviceNamespace", service.service().namespace());
        status.putAll(service.fields());
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
