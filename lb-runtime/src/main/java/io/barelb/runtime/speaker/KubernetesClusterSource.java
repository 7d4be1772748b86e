package io.barelb.runtime.speaker;

import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.KindRegistry;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the cluster from the Kubernetes API with informers: Services, EndpointSlices and Nodes cluster-wide;
 * the legacy ConfigMap and the custom resources of every configuration kind of the {@link KindRegistry} (generic
 * resources, so a plugin's own kind needs no type here) in the configuration namespace.
 *
 * <p>Watch callbacks only mark the view dirty; one thread rebuilds the whole view from the informers' caches
 * and hands it on, so a burst of events costs one rebuild. A custom resource type whose CRD is not installed
 * is reported once and left out. An invalid configuration keeps the last good one.
 */
public final class KubernetesClusterSource implements ClusterSource {

    private static final Logger LOG = LoggerFactory.getLogger(KubernetesClusterSource.class);

    private final KubernetesClient client;
    private final String configNamespace;
    private final LastGoodConfig config;
    private final KindRegistry kinds;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final ExecutorService rebuilder = Executors.newSingleThreadExecutor(task -> {
        Thread thread = new Thread(task, "speaker-view");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicBoolean dirty = new AtomicBoolean();
    /** Set once every informer has listed (or failed for good): a partial view is never delivered. */
    private volatile boolean synced;
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private final List<SharedIndexInformer<GenericKubernetesResource>> configInformers = new ArrayList<>();
    private SharedIndexInformer<Node> nodes;
    private SharedIndexInformer<ConfigMap> legacyConfig;
    private volatile Consumer<ClusterView> listener;
    private final WeakInterner interner = new WeakInterner();
    private final FactsItemStore<Service, ServiceFacts> serviceFacts =
            new FactsItemStore<>(service -> ServiceFacts.of(service, interner), Service::new);
    private final FactsItemStore<EndpointSlice, EndpointSliceFacts> sliceFacts =
            new FactsItemStore<>(slice -> EndpointSliceFacts.of(slice, interner), EndpointSlice::new);

    public KubernetesClusterSource(KubernetesClient client, String configNamespace, ConfigValidator validator) {
        this.client = client;
        this.configNamespace = configNamespace;
        this.config = new LastGoodConfig(validator);
        this.kinds = validator.kinds();
    }

    @Override
    public void start(Consumer<ClusterView> listener) {
        this.listener = listener;
        // the informers of Services and EndpointSlices keep only the facts the speaker reads (FactsItemStore)
        track(client.services().inAnyNamespace().runnableInformer(0).removeNamespaceIndex()
                .itemStore(serviceFacts));
        track(client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0)
                .removeNamespaceIndex().itemStore(sliceFacts));
        nodes = track(client.nodes().runnableInformer(0));
        legacyConfig = track(client.configMaps().inNamespace(configNamespace).withName(ConfigReader.LEGACY_NAME).runnableInformer(0));
        for (ResourceDefinitionContext type : ConfigResourceTypes.watched(kinds)) {
            SharedIndexInformer<GenericKubernetesResource> informer =
                    client.genericKubernetesResources(type).inNamespace(configNamespace).runnableInformer(0);
            configInformers.add(track(informer));
        }
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (SharedIndexInformer<?> informer : informers) {
            started.add(informer.start().toCompletableFuture().exceptionally(e -> {
                LOG.warn("cannot watch {}: {} (a configuration kind whose CRD is not installed is ignored)",
                        informer.getApiTypeClass().getSimpleName(), e.getMessage());
                return null;
            }));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).thenRun(() -> {
            synced = true;
            markDirty();
        });
    }

    private <T> SharedIndexInformer<T> track(SharedIndexInformer<T> informer) {
        informer.addEventHandler(new ResourceEventHandler<T>() {
            @Override
            public void onAdd(T object) {
                markDirty();
            }

            @Override
            public void onUpdate(T before, T after) {
                markDirty();
            }

            @Override
            public void onDelete(T object, boolean finalStateUnknown) {
                markDirty();
            }
        });
        informers.add(informer);
        return informer;
    }

    private void markDirty() {
        if (dirty.compareAndSet(false, true)) {
            rebuilder.execute(this::rebuild);
        }
    }

    private void rebuild() {
        dirty.set(false);
        if (!synced) {
            return;
        }
        try {
            List<Object> configObjects = new ArrayList<>();
            legacyConfig.getStore().list().forEach(c -> configObjects.add(serialization.convertValue(c, Map.class)));
            for (SharedIndexInformer<GenericKubernetesResource> informer : configInformers) {
                informer.getStore().list().forEach(r -> configObjects.add(serialization.convertValue(r, Map.class)));
            }
            ClusterConfig inForce = config.offer("namespace " + configNamespace, configObjects);
            listener.accept(new ClusterView(inForce.pools(), inForce.resources(),
                    serviceFacts.facts(), sliceFacts.facts(), nodes.getStore().list()));
        } catch (RuntimeException e) {
            LOG.error("rebuilding the cluster view failed; the previous one stays in force: {}", e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        informers.forEach(SharedIndexInformer::stop);
        rebuilder.shutdownNow();
        try {
            rebuilder.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
