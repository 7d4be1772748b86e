package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A Service's status write keeps the metadata sent with it and refuses a stale version, as the API server does. */
class ServiceStatusWriteTest {

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, List.of());
    private final KubernetesClient client = api.newClient();

    @AfterEach
    void stop() {
        api.close();
    }

    private Service created() {
        return client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("web")
                .withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer").addNewPort().withPort(80)
                .endPort().endSpec().build()).create();
    }

    private static Service withStatus(Service base, String ip, Map<String, String> annotations) {
        return new ServiceBuilder(base).editMetadata().withAnnotations(annotations).endMetadata().withNewStatus()
                .withNewLoadBalancer().addNewIngress().withIp(ip).endIngress().endLoadBalancer().endStatus().build();
    }

    @Test
    void theAnnotationsSentWithTheStatusAreStored() {
        Service created = created();
        client.services().inNamespace("default")
                .resource(withStatus(created, "192.0.2.1", Map.of("metallb.io/ip-allocated-from-pool", "default")))
                .updateStatus();

        Service stored = client.services().inNamespace("default").withName("web").get();
        assertThat(stored.getMetadata().getAnnotations()).containsEntry("metallb.io/ip-allocated-from-pool", "default");
        assertThat(stored.getStatus().getLoadBalancer().getIngress()).extracting(i -> i.getIp()).containsExactly("192.0.2.1");
        assertThat(stored.getMetadata().getResourceVersion()).isNotEqualTo(created.getMetadata().getResourceVersion());
    }

    @Test
    void aStatusWriteBasedOnAStaleVersionIsAConflict() {
        Service created = created();
        client.services().inNamespace("default").resource(withStatus(created, "192.0.2.1", Map.of())).updateStatus();

        assertThatThrownBy(() -> client.services().inNamespace("default")
                .resource(withStatus(created, "192.0.2.2", Map.of())).updateStatus())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
        assertThat(client.services().inNamespace("default").withName("web").get().getStatus().getLoadBalancer()
                .getIngress()).extracting(i -> i.getIp()).containsExactly("192.0.2.1");
    }
}
