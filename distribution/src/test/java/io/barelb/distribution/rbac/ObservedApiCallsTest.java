package io.barelb.distribution.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.Metrics;
import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.ipam.cidr.CidrIpamFactory;
import io.barelb.ipam.range.RangeIpamFactory;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.controller.ControllerModule;
import io.barelb.runtime.controller.ControllerOptions;
import io.barelb.runtime.controller.LeaderElectedController;
import io.barelb.runtime.host.PrometheusMetrics;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.kube.ConfigurationStateWriter;
import io.barelb.runtime.speaker.KubernetesClusterSource;
import io.barelb.runtime.wiring.Injectors;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.BasicBuilder;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.Interceptor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/**
 * Runs the controller (through its Guice module, with leader election) and the speaker's cluster source against
 * the embedded API server, records every request each one's client sends, and checks that {@link RequiredAccess}
 * covers each: the hand-kept list of call sites is checked against the calls the code really made on this path
 * (a call on a path not taken here, such as the re-read after a 409 Conflict, is still only in the list).
 */
class ObservedApiCallsTest {

    private static final String NS = "metallb-system";

    @Test
    void everyRequestTheProcessesMakeIsInTheRequiredAccessList() throws Exception {
        Set<Access> seen = ConcurrentHashMap.newKeySet();
        try (EmbeddedKubernetes api = EmbeddedKubernetes.start(0, ConfigResourceTypes.served())) {
            KubernetesClient admin = api.newClient();
            for (String ns : List.of(NS, "default")) {
                admin.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
            }
            for (String group : List.of("metallb.io", "barelb.io")) {
                GenericKubernetesResource pool = admin.getKubernetesSerialization().unmarshal("apiVersion: " + group
                        + "/v1beta1\nkind: IPAddressPool\nmetadata: {name: pool-" + group.substring(0, 6) + ", namespace: " + NS
                        + "}\nspec: {addresses: [" + (group.startsWith("m") ? "192.0.2.0/28" : "198.51.100.0/28") + "]}\n",
                        GenericKubernetesResource.class);
                admin.resource(pool).inNamespace(NS).create();
            }
            admin.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
                    .withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort()
                    .withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();

            try (KubernetesClient controllerClient = recording(api, RequiredAccess.CONTROLLER, seen);
                 KubernetesClient speakerClient = recording(api, RequiredAccess.SPEAKER, seen)) {
                PrometheusMetrics metrics = PrometheusMetrics.standalone();
                var injector = Injectors.create(PluginOptions.of(List.of(new RangeIpamFactory(), new CidrIpamFactory()),
                                List.of()).registry(),
                        new ControllerModule(new ControllerOptions(NS, "config", java.util.Optional.empty(), "observed"),
                                controllerClient),
                        binder -> binder.bind(Metrics.class).toInstance(metrics));
                LeaderElectedController controller = injector.getInstance(LeaderElectedController.class);
                CountDownLatch viewed = new CountDownLatch(1);
                KubernetesClusterSource speaker = new KubernetesClusterSource(speakerClient, NS,
                        new ConfigValidator(List.of(new RangeIpamFactory(), new CidrIpamFactory()), List.of()));
                try {
                    controller.start();
                    speaker.start(view -> viewed.countDown());
                    await(() -> ingressOf(admin) && stateWritten(admin) && poolStatusWritten(admin), "controller wrote status");
                    assertThat(viewed.await(10, TimeUnit.SECONDS)).as("the speaker's first view").isTrue();
                } finally {
                    controller.close();
                    speaker.close();
                }
            }
        }
        List<Access> required = RequiredAccess.all(NS);
        assertThat(seen).as("the run exercised the writes").anySatisfy(a -> assertThat(a.resource()).isEqualTo("services/status"))
                .anySatisfy(a -> assertThat(a.resource()).isEqualTo("configurationstates/status"))
                .anySatisfy(a -> assertThat(a.resource()).isEqualTo("ipaddresspools/status"))
                .anySatisfy(a -> assertThat(a.resource()).isEqualTo("leases"))
                .anySatisfy(a -> assertThat(a.account() + " " + a.resource()).isEqualTo("barelb-speaker endpointslices"));
        assertThat(seen.stream().filter(a -> required.stream().noneMatch(r -> r.covers(a))).map(Access::toString).sorted())
                .as("requests no RequiredAccess entry covers").isEmpty();
    }

    private static KubernetesClient recording(EmbeddedKubernetes api, String account, Set<Access> seen) {
        Config config = new ConfigBuilder(Config.empty()).withMasterUrl(api.url()).withNamespace("default").build();
        Interceptor record = new Interceptor() {
            @Override
            public void before(BasicBuilder builder, HttpRequest request, Interceptor.RequestTags tags) {
                Access access = ApiRequest.access(account, request.method(), request.uri());
                if (access != null) {
                    seen.add(access);
                }
            }
        };
        return new KubernetesClientBuilder().withConfig(config)
                .withHttpClientBuilderConsumer(b -> b.addOrReplaceInterceptor("record-rbac", record)).build();
    }

    private static boolean ingressOf(KubernetesClient admin) {
        var service = admin.services().inNamespace("default").withName("web").get();
        return service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null
                && !service.getStatus().getLoadBalancer().getIngress().isEmpty();
    }

    private static boolean stateWritten(KubernetesClient admin) {
        var state = admin.genericKubernetesResources(ConfigurationStateWriter.TYPE).inNamespace(NS)
                .withName(ConfigurationStateWriter.NAME).get();
        return state != null && state.getAdditionalProperties().get("status") != null;
    }

    private static boolean poolStatusWritten(KubernetesClient admin) {
        for (var type : ConfigResourceTypes.all()) {
            if (type.getKind().equals("IPAddressPool")) {
                for (var pool : admin.genericKubernetesResources(type).inNamespace(NS).list().getItems()) {
                    if (pool.getAdditionalProperties().get("status") instanceof Map<?, ?> status
                            && status.get("assignedIPv4") instanceof Number assigned && assigned.longValue() == 1) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static void await(BooleanSupplier done, String what) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!done.getAsBoolean()) {
            assertThat(Instant.now()).as("waiting for: " + what).isBefore(deadline);
            Thread.sleep(50);
        }
    }
}
