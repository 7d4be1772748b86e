package io.barelb.runtime.controller;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.PoolUsage;
import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.kube.AllocatedPoolAnnotation;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * A {@link ControllerCluster} in memory: no API server, no socket, no thread. Objects the test puts in are "watched"
 * (the callbacks run on the test's thread); writes change the stored objects and are recorded. Writes of the
 * ingress fail while {@link #failIngressWrites} is above zero, counting down. Not thread-safe.
 */
final class InMemoryCluster implements ControllerCluster {

    private final Map<ServiceKey, Service> services = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> namespaces = new LinkedHashMap<>();
    private final List<Object> configuration = new ArrayList<>();
    final List<String> writes = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    int failIngressWrites;
    private Consumer<ServiceKey> serviceChanged = key -> { };
    private Runnable configChanged = () -> { };
    private boolean started;
    private boolean closed;

    /** Replaces the configuration with the legacy ConfigMap holding {@code config}. */
    void legacyConfig(String config) {
        configuration.clear();
        configuration.add(Map.of("apiVersion", "v1", "kind", "ConfigMap", "metadata", Map.of("name", "config"),
                "data", Map.of("config", config)));
        configChanged.run();
    }

    /** Adds or replaces a Service. */
    void put(Service service) {
        ServiceKey key = KubeServices.key(service);
        services.put(key, service);
        serviceChanged.accept(key);
    }

    Service get(String namespace, String name) {
        return services.get(new ServiceKey(namespace, name));
    }

    boolean started() {
        return started;
    }

    boolean closed() {
        return closed;
    }

    @Override
    public void start(Consumer<ServiceKey> serviceChanged, Consumer<String> namespaceChanged, Runnable configChanged) {
        this.serviceChanged = serviceChanged;
        this.configChanged = configChanged;
        started = true;
    }

    @Override
    public List<Service> services() {
        return List.copyOf(services.values());
    }

    @Override
    public Optional<Service> service(ServiceKey key) {
        return Optional.ofNullable(services.get(key));
    }

    @Override
    public Map<String, String> namespaceLabels(String namespace) {
        return namespaces.getOrDefault(namespace, Map.of());
    }

    @Override
    public ConfigInput configuration(ConfigReader reader) {
        return reader.readObjects("memory", configuration);
    }

    @Override
    public boolean writeIngress(Service cached, List<IpAddress> addresses, Optional<String> pool) {
        ServiceKey key = KubeServices.key(cached);
        if (failIngressWrites > 0) {
            failIngressWrites--;
            writes.add("ingress " + key + " failed");
            throw new IllegalStateException("the in-memory API refuses the write of " + key);
        }
        Service stored = services.get(key);
        if (stored == null) {
            return false;
        }
        services.put(key, new ServiceBuilder(stored).withNewStatus()
                .withLoadBalancer(KubeServices.loadBalancerStatus(addresses)).endStatus().build());
        writes.add("ingress " + key + " " + addresses);
        writePool(cached, pool);
        return true;
    }

    @Override
    public void writePool(Service cached, Optional<String> pool) {
        ServiceKey key = KubeServices.key(cached);
        if (AllocatedPoolAnnotation.read(cached).equals(pool)) {
            return;
        }
        Service stored = services.get(key);
        if (stored != null) {
            Map<String, String> annotations = new LinkedHashMap<>(annotations(stored));
            pool.ifPresentOrElse(p -> annotations.put(AllocatedPoolAnnotation.KEY, p),
                    () -> annotations.remove(AllocatedPoolAnnotation.KEY));
            services.put(key, new ServiceBuilder(stored).editMetadata().withAnnotations(annotations).endMetadata().build());
        }
        writes.add("pool " + key + " " + pool.orElse("(none)"));
    }

    @Override
    public void writePoolUsage(List<PoolUsage> usage) {
        writes.add("usage " + usage.size() + " pools");
    }

    @Override
    public void writeConfigurationState(String result, String errorSummary, boolean lastValidInForce) {
        writes.add("configuration " + result);
    }

    @Override
    public void writeConfigurationWarnings(String warnings) {
        configurationWarnings = warnings;
    }

    /** What the controller last published as the configuration's warnings. */
    volatile String configurationWarnings = "";

    @Override
    public void configWarning(String kind, String name, String reason, String message) {
        warnings.add(kind + "/" + name + " " + reason + ": " + message);
    }

    @Override
    public void close() {
        closed = true;
    }

    private static Map<String, String> annotations(Service service) {
        Map<String, String> annotations = service.getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }
}
