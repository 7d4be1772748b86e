package io.barelb.demo.network;

import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * MetalLB's {@code ServiceL2Status} objects of one Service, as {@code kubectl get servicel2statuses} shows them:
 * waits until exactly one exists and names the expected node, which is what a failover must leave behind (the new
 * owner deletes the dead owner's object).
 */
final class L2StatusWatch {

    private static final String NAMESPACE = "metallb-system";

    private final KubernetesClient client;

    L2StatusWatch(KubernetesClient client) {
        this.client = client;
    }

    /**
     * @return one line describing the single object of Service {@code namespace/name}, once it names {@code node}
     * @throws DemoNetworkException when that does not happen within {@code timeout}, saying what there was
     */
    String awaitOnly(String namespace, String name, String node, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<GenericKubernetesResource> objects = List.of();
        while (System.nanoTime() < deadline) {
            objects = of(namespace, name);
            if (objects.size() == 1 && node.equals(statusOf(objects.get(0)).get("node"))) {
                return "ServiceL2Status " + NAMESPACE + "/" + objects.get(0).getMetadata().getName() + ": " + namespace
                        + "/" + name + " announced by " + node + interfaces(statusOf(objects.get(0)).get("interfaces"))
                        + " (the only one)";
            }
            Thread.sleep(50);
        }
        throw new DemoNetworkException("expected one ServiceL2Status of " + namespace + "/" + name + " naming " + node
                + " within " + timeout.toSeconds() + " s, found " + objects.stream()
                .map(object -> Objects.toString(statusOf(object).get("node"))).toList());
    }

    private List<GenericKubernetesResource> of(String namespace, String name) {
        return client.genericKubernetesResources(ConfigResourceTypes.of("metallb.io", "v1beta1", "ServiceL2Status",
                        "servicel2statuses")).inNamespace(NAMESPACE)
                .withLabel("metallb.io/service-namespace", namespace).withLabel("metallb.io/service-name", name)
                .list().getItems();
    }

    /** {@code status.interfaces} ({@code [{name: eth0}]}) as {@code " on eth0"}; none when all interfaces. */
    private static String interfaces(Object listed) {
        if (!(listed instanceof List<?> list) || list.isEmpty()) {
            return "";
        }
        return " on " + String.join(",", list.stream()
                .map(entry -> entry instanceof Map<?, ?> map ? Objects.toString(map.get("name")) : Objects.toString(entry))
                .toList());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> statusOf(GenericKubernetesResource object) {
        Object status = object.getAdditionalProperties().get("status");
        return status instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    }
}
