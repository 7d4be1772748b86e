package io.barelb.distribution;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

/** What the tests against the embedded API put in first: the namespaces and one IPAddressPool. */
final class ApiSeed {

    private ApiSeed() {
    }

    /** Creates {@code metallb-system} and {@code namespaces}, and the pool {@code name} of {@code cidr} in it. */
    static void pool(KubernetesClient client, String name, String cidr, String... namespaces) {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("metallb-system").endMetadata()
                .build()).create();
        for (String namespace : namespaces) {
            client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata()
                    .build()).create();
        }
        client.resource(client.getKubernetesSerialization().unmarshal("""
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: %s, namespace: metallb-system}
                spec: {addresses: [%s]}
                """.formatted(name, cidr), GenericKubernetesResource.class)).inNamespace("metallb-system").create();
    }
}
