package io.barelb.runtime.controller;

import io.barelb.runtime.host.PrometheusMetrics;
import static org.assertj.core.api.Assertions.fail;

import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.net.IpAddress;
import io.barelb.ipam.cidr.CidrIpamFactory;
import io.barelb.ipam.range.RangeIpamFactory;
import com.google.inject.Injector;
import io.barelb.api.Metrics;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.wiring.Injectors;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.runtime.kube.KubeEventSink;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** An embedded API server plus helpers to create objects and run controllers against it. */
final class ControllerFixture implements AutoCloseable {

    static final String NS = "metallb-system";
    static final List<IpamFactory> IPAM = List.of(new RangeIpamFactory(), new CidrIpamFactory());
    /** How long {@link #await} waits. */
    static final Duration TIMEOUT = Duration.ofSeconds(10);

    final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, io.barelb.runtime.kube.ConfigResourceTypes.served(io.barelb.runtime.config.KindRegistry.builtIn()));
    final KubernetesClient client = api.newClient();
    final PrometheusMetrics metrics = PrometheusMetrics.standalone();
    private final List<AutoCloseable> started = new ArrayList<>();

    ControllerFixture() {
        namespace(NS, Map.of());
        namespace("default", Map.of());
    }

    void namespace(String name, Map<String, String> labels) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).withLabels(labels)
                .endMetadata().build()).create();
    }

    void legacyConfig(String config) {
        var configMap = new ConfigMapBuilder().withNewMetadata().withName("config").withNamespace(NS).endMetadata()
                .withData(Map.of("config", config)).build();
        client.configMaps().inNamespace(NS).resource(configMap).createOr(existing -> existing.update());
    }

    /** Creates or replaces a CR from YAML (any configuration kind, either group). */
    void apply(String yaml) {
        GenericKubernetesResource resource = client.getKubernetesSerialization().unmarshal(yaml,
                GenericKubernetesResource.class);
        resource.getMetadata().setNamespace(NS);
        client.resource(resource).inNamespace(NS).createOr(existing -> existing.update());
    }

    /** Creates or replaces an {@code IPAddressPool} (group metallb.io) of one address range. */
    void pool(String name, String addresses, boolean autoAssign) {
        apply("apiVersion: metallb.io/v1beta1\nkind: IPAddressPool\nmetadata: {name: " + name + "}\nspec:\n"
                + "  addresses: [" + addresses + "]\n  autoAssign: " + autoAssign + "\n");
    }

    ServiceBuilder service(String namespace, String name) {
        return new ServiceBuilder().withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                .withNewSpec().withType("LoadBalancer").addNewPort().withPort(80).withProtocol("TCP").endPort()
                .withSelector(Map.of("app", name)).endSpec();
    }

    Service create(Service service) {
        return client.services().inNamespace(service.getMetadata().getNamespace()).resource(service).create();
    }

    Service get(String namespace, String name) {
        return client.services().inNamespace(namespace).withName(name).get();
    }

    /**
     * The injector of a controller process as {@code barelb controller} builds it, on {@code api}; its event sink and
     * scheduler are closed with the fixture.
     */
    Injector injector(KubernetesClient api, ControllerOptions options) {
        return injector(api, options, metrics);
    }

    /** The same, recording metrics in {@code registry}. */
    Injector injector(KubernetesClient api, ControllerOptions options, Metrics registry) {
        return injector(api, options, registry, IPAM);
    }

    /** The same with the IPAM factories {@code ipam}. */
    Injector injector(KubernetesClient api, ControllerOptions options, Metrics registry, List<IpamFactory> ipam) {
        Injector injector = Injectors.create(PluginRegistry.of(ipam, List.of()), new ControllerModule(options),
                new KubernetesControllerModule(api), binder -> binder.bind(Metrics.class).toInstance(registry));
        started.add(injector.getInstance(KubeEventSink.class));
        started.add(injector.getInstance(ExecutorScheduler.class));
        return injector;
    }

    /** A controller built by the injector; closed with the fixture. */
    ServiceController controller(ControllerOptions options) {
        return controller(options, IPAM);
    }

    /** A controller whose IPAM factories are {@code ipam} (e.g. those of plugins loaded from a folder). */
    ServiceController controller(ControllerOptions options, List<IpamFactory> ipam) {
        ServiceController controller = injector(client, options, metrics, ipam).getInstance(ServiceController.class);
        started.add(controller);
        return controller;
    }

    ServiceController startController() {
        ServiceController controller = controller(ControllerOptions.defaults("test"));
        controller.start();
        return controller;
    }

    /** The ingress addresses of a Service once {@code done} holds for them (10 s at most). */
    /**
     * Waits until the controller has finished with a newly assigned Service: the status holds an address and the
     * pool annotation, written right after the status, is in too. Returns the Service as it is then.
     */
    Service awaitAssigned(String namespace, String name) {
        return await(() -> get(namespace, name), s -> s != null && s.getStatus() != null
                        && s.getStatus().getLoadBalancer() != null && s.getStatus().getLoadBalancer().getIngress() != null
                        && !s.getStatus().getLoadBalancer().getIngress().isEmpty()
                        && s.getMetadata().getAnnotations() != null
                        && s.getMetadata().getAnnotations().containsKey(io.barelb.runtime.kube.AllocatedPoolAnnotation.KEY),
                "the address and the pool annotation on " + namespace + "/" + name);
    }

    List<String> awaitIngress(String namespace, String name, Predicate<List<String>> done) {
        return await(() -> {
            Service service = get(namespace, name);
            return service == null ? List.<String>of()
                    : KubeServices.ingress(service).stream().map(IpAddress::toString).toList();
        }, done, "ingress of " + namespace + "/" + name);
    }

    List<Event> events(String namespace, String involved) {
        return client.v1().events().inNamespace(namespace).list().getItems().stream()
                .filter(e -> involved.equals(e.getInvolvedObject().getName())).toList();
    }

    /** The events of an object once one with {@code reason} exists. */
    List<Event> awaitEvent(String namespace, String involved, String reason) {
        return await(() -> events(namespace, involved), list -> list.stream().anyMatch(e -> reason.equals(e.getReason())),
                "event " + reason + " for " + involved);
    }

    /** {@code read()} once {@code done} holds for it, polled every 50 ms; fails after 10 s with the last value. */
    static <T> T await(Supplier<T> read, Predicate<T> done, String what) {
        AtomicReference<T> last = new AtomicReference<>();
        try {
            return Awaitility.await(what).atMost(TIMEOUT).pollInterval(Duration.ofMillis(50))
                    .until(() -> {
                        T value = read.get();
                        last.set(value);
                        return value;
                    }, done);
        } catch (ConditionTimeoutException e) {
            return fail("timed out after " + TIMEOUT.toSeconds() + " s waiting for " + what + "; last seen: " + last.get());
        }
    }

    @Override
    public void close() {
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception ignored) {
                // closing in tests
            }
        }
        api.close();
    }
}
