package io.barelb.runtime.kube;

import io.barelb.api.ServiceKey;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.config.KindRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The controller's informers: Services (all namespaces), Namespaces (for selectors), the legacy ConfigMap and
 * the configuration CRs of both groups in the configuration namespace. Callbacks only report which key changed;
 * readers get the cached objects. Thread-safe.
 */
public final class ControllerInformers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ControllerInformers.class);

    private final KubernetesClient client;
    private final KindRegistry kinds;
    private final String namespace;
    private final String configMapName;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private SharedIndexInformer<Service> services;
    private SharedIndexInformer<Namespace> namespaces;
    private SharedIndexInformer<ConfigMap> configMaps;
    private final Map<ResourceDefinitionContext, SharedIndexInformer<GenericKubernetesResource>> resources =
            new LinkedHashMap<>();

    /**
     * @param client        the API client
     * @param namespace     where the configuration lives ({@code metallb-system})
     * @param configMapName the legacy ConfigMap's name ({@code config})
     */
    public ControllerInformers(KubernetesClient client, String namespace, String configMapName, KindRegistry kinds) {
        this.kinds = kinds;
        this.client = client;
        this.namespace = namespace;
        this.configMapName = configMapName;
    }

    /**
     * Starts every informer and waits until each has listed its objects. A configuration type whose CRD is not
     * installed is skipped with a log line.
     *
     * @param serviceChanged   called with the key of each added, changed or deleted Service
     * @param namespaceChanged called with the name of each changed Namespace
     * @param configChanged    called when any configuration object changes
     */
    public void start(Consumer<ServiceKey> serviceChanged, Consumer<String> namespaceChanged, Runnable configChanged) {
        services = client.services().inAnyNamespace().inform(handler(s -> serviceChanged.accept(KubeServices.key(s))), 0);
        informers.add(services);
        namespaces = client.namespaces().inform(handler(n -> namespaceChanged.accept(n.getMetadata().getName())), 0);
        informers.add(namespaces);
        configMaps = client.configMaps().inNamespace(namespace).withName(configMapName)
                .inform(handler(c -> configChanged.run()), 0);
        informers.add(configMaps);
        for (ResourceDefinitionContext type : ConfigResourceTypes.watched(kinds)) {
            try {
                SharedIndexInformer<GenericKubernetesResource> informer = client.genericKubernetesResources(type)
                        .inNamespace(namespace).inform(handler(r -> configChanged.run()), 0);
                resources.put(type, informer);
                informers.add(informer);
            } catch (KubernetesClientException e) {
                LOG.warn("not watching {}/{} {}: {} (is its CRD installed?)", type.getGroup(), type.getVersion(),
                        type.getKind(), e.getMessage());
            }
        }
    }

    /** Every cached Service. */
    public List<Service> services() {
        return services.getStore().list();
    }

    /** The cached Service. */
    public Optional<Service> service(ServiceKey key) {
        return Optional.ofNullable(services.getStore().getByKey(key.namespace() + "/" + key.name()));
    }

    /** The labels of a cached Namespace (empty when unknown). */
    public Map<String, String> namespaceLabels(String name) {
        Namespace ns = namespaces.getStore().getByKey(name);
        return ns == null || ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels();
    }

    /** The configuration as cached now: the legacy ConfigMap and the CRs of both groups, read. */
    public ConfigInput configuration(ConfigReader reader) {
        List<Object> objects = new ArrayList<>();
        for (ConfigMap configMap : configMaps.getStore().list()) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", "v1");
            object.put("kind", "ConfigMap");
            object.put("metadata", Map.of("name", configMap.getMetadata().getName()));
            object.put("data", configMap.getData() == null ? Map.of() : configMap.getData());
            objects.add(object);
        }
        for (SharedIndexInformer<GenericKubernetesResource> informer : resources.values()) {
            List<GenericKubernetesResource> items = new ArrayList<>(informer.getStore().list());
            items.sort(java.util.Comparator.comparing(r -> r.getMetadata().getName()));
            for (GenericKubernetesResource resource : items) {
                objects.add(client.getKubernetesSerialization().convertValue(resource, Map.class));
            }
        }
        return reader.readObjects("cluster", objects);
    }

    /** The cached CRs of {@code kind} named {@code name}, by type (one per group at most). */
    public Map<ResourceDefinitionContext, GenericKubernetesResource> resources(String kind, String name) {
        Map<ResourceDefinitionContext, GenericKubernetesResource> found = new LinkedHashMap<>();
        resources.forEach((type, informer) -> {
            if (type.getKind().equals(kind)) {
                GenericKubernetesResource resource = informer.getStore().getByKey(namespace + "/" + name);
                if (resource != null) {
                    found.put(type, resource);
                }
            }
        });
        return found;
    }

    private static <T extends HasMetadata> ResourceEventHandler<T> handler(Consumer<T> changed) {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T object) {
                changed.accept(object);
            }

            @Override
            public void onUpdate(T before, T after) {
                changed.accept(after);
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                changed.accept(object);
            }
        };
    }

    /** Stops every informer. */
    @Override
    public void close() {
        for (SharedIndexInformer<?> informer : informers) {
            try {
                informer.close();
            } catch (RuntimeException e) {
                LOG.debug("closing informer: {}", e.toString());
            }
        }
        informers.clear();
    }
}
