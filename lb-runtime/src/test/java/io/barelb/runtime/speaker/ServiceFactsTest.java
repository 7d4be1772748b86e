package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.StandaloneKinds;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The compact views of Services and EndpointSlices keep every field the speaker reads, and refuse what has no key. */
class ServiceFactsTest {

    @TempDir
    Path dir;

    @Test
    void everyFieldTheSpeakerReadsSurvives() {
        Service service = new ServiceBuilder()
                .withNewMetadata().withNamespace("web").withName("nginx").withUid("u-1")
                .withLabels(Map.of("app", "nginx", "tier", "front"))
                .withAnnotations(Map.of(StandaloneKinds.SERVICE_ANNOTATION, "backend",
                        "kubectl.kubernetes.io/last-applied-configuration", "{...}"))
                .addNewManagedField().withManager("kubectl").endManagedField().endMetadata()
                .withNewSpec().withType("LoadBalancer").withLoadBalancerClass("barelb.io/lb")
                .withExternalTrafficPolicy("Local").endSpec()
                .withNewStatus().withNewLoadBalancer().withIngress(
                        new LoadBalancerIngressBuilder().withIp("192.0.2.1").build(),
                        new LoadBalancerIngressBuilder().withHostname("lb.example").build(),
                        new LoadBalancerIngressBuilder().withIp("2001:db8::1").build())
                .endLoadBalancer().endStatus().build();

        ServiceFacts facts = ServiceFacts.of(service);

        assertThat(facts.key()).isEqualTo(new ServiceKey("web", "nginx"));
        assertThat(facts.uid()).isEqualTo("u-1");
        assertThat(facts.type()).isEqualTo("LoadBalancer");
        assertThat(facts.isLoadBalancer()).isTrue();
        assertThat(facts.loadBalancerClass()).contains("barelb.io/lb");
        assertThat(facts.externalTrafficPolicy()).isEqualTo("Local");
        assertThat(facts.isLocal()).isTrue();
        assertThat(facts.labels()).isEqualTo(Map.of("app", "nginx", "tier", "front"));
        assertThat(facts.healthCheck()).contains("backend");
        // host names are not ours to announce
        assertThat(facts.ingress()).containsExactly(IpAddress.parse("192.0.2.1"), IpAddress.parse("2001:db8::1"));
    }

    @Test
    void aServiceWithOnlyAKeyHasEmptyFacts() {
        ServiceFacts facts = ServiceFacts.of(new ServiceBuilder().withNewMetadata().withNamespace("web")
                .withName("bare").endMetadata().build());

        assertThat(facts.type()).isEmpty();
        assertThat(facts.isLoadBalancer()).isFalse();
        assertThat(facts.loadBalancerClass()).isEmpty();
        assertThat(facts.isLocal()).isFalse();
        assertThat(facts.labels()).isEmpty();
        assertThat(facts.healthCheck()).isEmpty();
        assertThat(facts.ingress()).isEmpty();
        assertThat(facts.uid()).isEmpty();
    }

    @Test
    void aServiceOrSliceWithoutNamespaceOrNameIsRefusedNamingTheFieldAndTheFix() {
        assertThatThrownBy(() -> ServiceFacts.of(new ServiceBuilder().withNewMetadata().withName("nginx").endMetadata()
                .build()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Service \"nginx\" has no metadata.namespace; add one (for example namespace: default)");
        assertThatThrownBy(() -> ServiceFacts.of(new Service()))
                .hasMessage("a Service has no metadata.name; give it one");
        assertThatThrownBy(() -> EndpointSliceFacts.of(new EndpointSliceBuilder().withNewMetadata().withName("s-1")
                .endMetadata().build()))
                .hasMessage("EndpointSlice \"s-1\" has no metadata.namespace; add one (for example namespace: default)");
    }

    @Test
    void repeatedValuesAreHeldOnce() {
        WeakInterner interner = new WeakInterner();
        ServiceFacts one = ServiceFacts.of(Fixtures.loadBalancer(new String("web"), "a", "Cluster", "192.0.2.1"), interner);
        Service second = Fixtures.loadBalancer(new String("web"), "b", "Cluster", "192.0.2.2");
        second.getMetadata().setLabels(Map.of(new String("app"), new String("a")));
        ServiceFacts two = ServiceFacts.of(second, interner);

        assertThat(two.key().namespace()).isSameAs(one.key().namespace());
        assertThat(two.externalTrafficPolicy()).isSameAs(one.externalTrafficPolicy());
        assertThat(two.labels()).isSameAs(one.labels());
        EndpointSliceFacts sliceA = EndpointSliceFacts.of(Fixtures.endpoints("web", "a", "node-a"), interner);
        EndpointSliceFacts sliceB = EndpointSliceFacts.of(Fixtures.endpoints("web", "b", new String("node-a")), interner);
        assertThat(sliceB.servingNodes()).isSameAs(sliceA.servingNodes());
    }

    @Test
    void aSliceKeepsItsServiceAndTheNodesOfItsServingEndpoints() {
        EndpointSlice slice = new EndpointSliceBuilder()
                .withNewMetadata().withNamespace("web").withName("nginx-1")
                .withLabels(Map.of(AdvertisementPlanner.SERVICE_NAME_LABEL, "nginx")).endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(
                        new EndpointBuilder().withNodeName("ready").withNewConditions().withReady(true).endConditions().build(),
                        new EndpointBuilder().withNodeName("terminating").withNewConditions().withReady(false)
                                .withServing(true).endConditions().build(),
                        new EndpointBuilder().withNodeName("down").withNewConditions().withReady(false).endConditions().build(),
                        new EndpointBuilder().withNodeName("unknown").build(),
                        new EndpointBuilder().withNewConditions().withReady(true).endConditions().build(),
                        new EndpointBuilder().withNodeName("ready").build())
                .build();

        EndpointSliceFacts facts = EndpointSliceFacts.of(slice);

        assertThat(facts.namespace()).isEqualTo("web");
        assertThat(facts.serviceKey()).contains(new ServiceKey("web", "nginx"));
        assertThat(facts.servingNodes()).containsExactly(EndpointSliceFacts.NO_NODE, "ready", "terminating", "unknown");
        assertThat(EndpointSliceFacts.of(new EndpointSliceBuilder().withNewMetadata().withNamespace("web")
                .withName("orphan").endMetadata().build()))
                .satisfies(orphan -> {
                    assertThat(orphan.serviceKey()).isEmpty();
                    assertThat(orphan.servingNodes()).isEmpty();
                });
    }

    @Test
    void aStaticServiceWithoutNamespaceKeepsThePreviousViewAndOneThatCannotBeConvertedToo() throws Exception {
        Path cluster = dir.resolve("cluster.yaml");
        Files.writeString(cluster, Fixtures.STATIC_CLUSTER);
        StaticClusterSource source = new StaticClusterSource(dir,
                new ConfigValidator(Fixtures.ipamFactories(), Fixtures.announcerFactories()), Duration.ofSeconds(1));
        try (source) {
            Optional<ClusterView> good = source.read();
            assertThat(good).hasValueSatisfying(v -> assertThat(v.services()).extracting(ServiceFacts::key)
                    .containsExactly(new ServiceKey("web", "nginx")));

            Files.writeString(cluster, Fixtures.STATIC_CLUSTER.replace("metadata: {namespace: web, name: nginx}",
                    "metadata: {name: nginx}"));
            assertThat(source.read()).as("a Service without namespace").isEmpty();

            Files.writeString(cluster, Fixtures.STATIC_CLUSTER.replace("ports: [{port: 80, protocol: TCP}]",
                    "ports: {port: 80}"));
            assertThat(source.read()).as("a Service fabric8 cannot read").isEmpty();

            Files.writeString(cluster, Fixtures.STATIC_CLUSTER);
            assertThat(source.read()).hasValueSatisfying(v -> assertThat(v.services()).hasSize(1));
        }
    }

    @Test
    void aViewOfFabric8ObjectsPlansAsBefore() {
        ClusterView view = Fixtures.oneService("192.0.2.3");
        assertThat(view.services()).singleElement().satisfies(s -> assertThat(s.ingress())
                .containsExactly(IpAddress.parse("192.0.2.3")));
        assertThat(AdvertisementPlanner.servingNodes(view.endpointSlices()))
                .isEqualTo(Map.of(new ServiceKey("web", "nginx"), java.util.Set.of("a")));
        assertThat(List.copyOf(view.endpointSlices())).hasSize(1);
    }
}
