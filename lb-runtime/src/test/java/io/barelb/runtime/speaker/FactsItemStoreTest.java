package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import org.junit.jupiter.api.Test;

/** The informer's cache of facts answers stubs with what the informer compares: key and resource version. */
class FactsItemStoreTest {

    private final FactsItemStore<Service, ServiceFacts> store = new FactsItemStore<>(ServiceFacts::of, Service::new);

    private static Service version(Service service, String resourceVersion) {
        service.getMetadata().setResourceVersion(resourceVersion);
        return service;
    }

    @Test
    void keepsFactsAndAnswersStubsWithTheResourceVersion() {
        Service nginx = version(Fixtures.loadBalancer("web", "nginx", "Cluster", "192.0.2.10"), "7");
        String key = store.getKey(nginx);
        assertThat(key).isEqualTo("web/nginx");

        assertThat(store.put(key, nginx)).as("nothing held before").isNull();
        Service old = store.put(key, version(Fixtures.loadBalancer("web", "nginx", "Cluster", "192.0.2.11"), "8"));

        assertThat(old.getMetadata().getNamespace()).isEqualTo("web");
        assertThat(old.getMetadata().getName()).isEqualTo("nginx");
        assertThat(old.getMetadata().getResourceVersion()).isEqualTo("7");
        assertThat(old.getSpec()).as("a stub, not the object").isNull();
        assertThat(store.get(key).getMetadata().getResourceVersion()).isEqualTo("8");
        assertThat(store.facts()).singleElement().satisfies(f -> assertThat(f.ingress().get(0).toString())
                .isEqualTo("192.0.2.11"));
        assertThat(store.keySet()).containsExactly("web/nginx");
        assertThat(store.values()).extracting(s -> s.getMetadata().getName()).containsExactly("nginx");
        assertThat(store.size()).isEqualTo(1);

        assertThat(store.remove(key).getMetadata().getResourceVersion()).isEqualTo("8");
        assertThat(store.get(key)).isNull();
        assertThat(store.facts()).isEmpty();
    }
}
