package io.barelb.runtime.controller;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.barelb.runtime.kube.ConfigurationStateWriter;
import io.barelb.runtime.kube.ControllerInformers;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.PoolStatusWriter;
import io.barelb.runtime.kube.ServiceStatusWriter;
import io.fabric8.kubernetes.api.model.Service;
import io.barelb.runtime.config.KindRegistry;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * {@link ControllerCluster} on the Kubernetes API: fabric8 informers for the reads, the status subresource (carrying
 * the pool annotation), a JSON patch of that annotation alone when only it changes, and Events for the writes. Creating it opens no connection: {@link #start} does.
 */
final class KubeControllerCluster implements ControllerCluster {

    private final String namespace;
    private final ControllerInformers informers;
    private final ServiceStatusWriter ingress;
    private final AllocatedPoolAnnotation pools;
    private final PoolStatusWriter poolStatus;
    private final ConfigurationStateWriter state;
    private final KubeEventSink events;

    KubeControllerCluster(KubernetesClient client, ControllerOptions options, KindRegistry kinds, KubeEventSink events) {
        this.namespace = options.namespace();
        this.informers = new ControllerInformers(client, options.namespace(), options.configMapName(), kinds);
        this.ingress = new ServiceStatusWriter(client);
        this.pools = new AllocatedPoolAnnotation(client);
        this.poolStatus = new PoolStatusWriter(client, options.namespace());
        this.state = new ConfigurationStateWriter(client, options.namespace());
        this.events = events;
    }

    @Override
    public void start(Consumer<ServiceKey> serviceChanged, Consumer<String> namespaceChanged, Runnable configChanged) {
        informers.start(serviceChanged, namespaceChanged, configChanged);
        events.uidsFrom(this, key -> informers.service(key).map(s -> s.getMetadata().getUid()));
    }

    @Override
    public void statusWorkPending(java.util.function.BooleanSupplier pending) {
        events.yieldTo(this, pending);
    }

    @Override
    public List<Service> services() {
        return informers.services();
    }

    @Override
    public Optional<Service> service(ServiceKey key) {
        return informers.service(key);
    }

    @Override
    public Map<String, String> namespaceLabels(String name) {
        return informers.namespaceLabels(name);
    }

    @Override
    public ConfigInput configuration(ConfigReader reader) {
        return informers.configuration(reader);
    }

    @Override
    public boolean writeIngress(Service cached, List<IpAddress> addresses, Optional<String> pool) {
        Optional<Service> written = ingress.write(cached, addresses, pool);
        // no request when the status write carried the annotation; a patch when the server dropped it
        written.ifPresent(stored -> pools.write(stored, pool));
        return written.isPresent();
    }

    @Override
    public void writePool(Service cached, Optional<String> pool) {
        pools.write(cached, pool);
    }

    @Override
    public void writePoolUsage(List<PoolUsage> usage) {
        poolStatus.write(usage, informers);
    }

    @Override
    public void writeConfigurationState(String result, String errorSummary, boolean lastValidInForce) {
        state.write(result, errorSummary, lastValidInForce);
    }

    @Override
    public void writeConfigurationWarnings(String warnings) {
        state.warnings(warnings);
    }

    /** The Event goes to the ConfigMap (legacy configuration or a file) or to the CR, in the group it was read from. */
    @Override
    public void configWarning(String kind, String name, String reason, String message) {
        boolean core = kind.equals("ConfigMap") || kind.equals("File");
        String apiVersion = core ? "v1" : informers.resources(kind, name).keySet().stream().findFirst()
                .map(t -> t.getGroup() + "/" + t.getVersion()).orElse("metallb.io/v1beta1");
        events.configWarning(namespace, apiVersion, core ? "ConfigMap" : kind, name, reason, message);
    }

    @Override
    public void close() {
        events.uidsFrom(this, null);
        events.yieldTo(this, null);
        informers.close();
    }
}
