package io.barelb.runtime.speaker;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Kubernetes objects for speaker tests, built the way the API server would return them. */
final class Fixtures {

    /**
     * Static files of a one-node cluster: Node node-a (Ready), Service web/nginx with 192.0.2.10 and an endpoint on
     * node-a, pool lab (192.0.2.0/28) and an L2Advertisement for all pools.
     */
    static final String STATIC_CLUSTER = Fixtures.STATIC_CLUSTER_OBJECTS + """
            ---
            apiVersion: barelb.io/v1beta1
            kind: IPAddressPool
            metadata: {namespace: metallb-system, name: lab}
            spec: {addresses: [192.0.2.0/28]}
            ---
            apiVersion: barelb.io/v1beta1
            kind: L2Advertisement
            metadata: {namespace: metallb-system, name: lab}
            """;

    private Fixtures() {
    }

    static Service loadBalancer(String namespace, String name, String policy, String... ingress) {
        return new ServiceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(name).withLabels(Map.of("app", name)).endMetadata()
                .withNewSpec().withType("LoadBalancer").withExternalTrafficPolicy(policy)
                .withSelector(Map.of("app", name)).endSpec()
                .withNewStatus().withNewLoadBalancer()
                .withIngress(Arrays.stream(ingress).map(ip -> new io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder()
                        .withIp(ip).build()).toList())
                .endLoadBalancer().endStatus()
                .build();
    }

    static Node node(String name, boolean ready, Map<String, String> labels) {
        return new NodeBuilder().withNewMetadata().withName(name).withLabels(labels).endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus().build();
    }

    static Node node(String name) {
        return node(name, true, Map.of("kubernetes.io/hostname", name));
    }

    /** An EndpointSlice of the Service with one ready endpoint per node named. */
    static EndpointSlice endpoints(String namespace, String service, String... nodes) {
        return new EndpointSliceBuilder()
                .withNewMetadata().withNamespace(namespace).withName(service + "-abc")
                .withLabels(Map.of("kubernetes.io/service-name", service)).endMetadata()
                .withAddressType("IPv4")
                .withEndpoints(Arrays.stream(nodes).map(node -> new EndpointBuilder().withAddresses("10.244.0.1")
                        .withNodeName(node).withNewConditions().withReady(true).endConditions().build()).toList())
                .build();
    }

    /** One pool, one L2Advertisement for all, Service web/nginx with {@code ingress}, served on node "a". */
    static ClusterView oneService(String... ingress) {
        return ClusterView.of(List.of(io.barelb.runtime.model.AddressPool.simple("front", List.of("192.0.2.0/28"))),
                List.of(l2Advertisement("all", Map.of())),
                List.of(loadBalancer("web", "nginx", "Cluster", ingress)),
                List.of(endpoints("web", "nginx", "a")), List.of(node("a")));
    }

    /** Creates {@link #STATIC_CLUSTER}'s objects through the API, the configuration in {@code namespace}. */
    static void seedCluster(io.fabric8.kubernetes.client.KubernetesClient client, String namespace) {
        client.nodes().resource(Fixtures.node("node-a")).create();
        client.services().inNamespace("web").resource(Fixtures.loadBalancer("web", "nginx", "Cluster", "192.0.2.10"))
                .create();
        client.discovery().v1().endpointSlices().inNamespace("web").resource(Fixtures.endpoints("web", "nginx", "node-a"))
                .create();
        for (String kind : List.of("IPAddressPool", "L2Advertisement")) {
            client.genericKubernetesResources(io.barelb.runtime.kube.ConfigResourceTypes.of("barelb.io", "v1beta1", kind,
                            kind.toLowerCase(java.util.Locale.ROOT) + "es".substring(kind.endsWith("s") ? 0 : 1)))
                    .inNamespace(namespace)
                    .resource(new io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder()
                            .withApiVersion("barelb.io/v1beta1").withKind(kind)
                            .withNewMetadata().withName("lab").withNamespace(namespace).endMetadata()
                            .addToAdditionalProperties("spec", kind.equals("IPAddressPool")
                                    ? Map.of("addresses", List.of("192.0.2.0/28")) : Map.of())
                            .build()).create();
        }
    }

    static ConfigResource l2Advertisement(String name, Map<String, ?> spec) {
        return new ConfigResource("L2Advertisement", name, Map.of(), ConfigView.of("L2Advertisement", name, "spec", spec));
    }

    /** The announcer factories of the plugins on the test class path (layer2, bgp), found as the runtime finds them. */
    static List<io.barelb.api.announce.AnnouncerFactory> announcerFactories() {
        return java.util.ServiceLoader.load(io.barelb.api.plugin.LbPlugin.class).stream()
                .flatMap(provider -> provider.get().announcerFactories().stream())
                .toList();
    }

    /** The IPAM factories of the plugins on the test class path (ipam-range, ipam-cidr), found as the runtime finds them. */
    static List<io.barelb.api.ipam.IpamFactory> ipamFactories() {
        return java.util.ServiceLoader.load(io.barelb.api.plugin.LbPlugin.class).stream()
                .flatMap(provider -> provider.get().ipamFactories().stream())
                .toList();
    }

    /** A node, a LoadBalancer Service holding 192.0.2.10 and its endpoints, as static YAML. */
    static final String STATIC_CLUSTER_OBJECTS = """
            apiVersion: v1
            kind: Node
            metadata: {name: node-a, labels: {kubernetes.io/hostname: node-a}}
            status: {conditions: [{type: Ready, status: "True"}]}
            ---
            apiVersion: v1
            kind: Service
            metadata: {namespace: web, name: nginx}
            spec: {type: LoadBalancer, externalTrafficPolicy: Cluster, ports: [{port: 80, protocol: TCP}]}
            status: {loadBalancer: {ingress: [{ip: 192.0.2.10}]}}
            ---
            apiVersion: discovery.k8s.io/v1
            kind: EndpointSlice
            metadata: {namespace: web, name: nginx-1, labels: {kubernetes.io/service-name: nginx}}
            addressType: IPv4
            endpoints: [{addresses: [10.244.0.5], nodeName: node-a, conditions: {ready: true}}]
            """;

    /** The first view {@code condition} accepts within 20 s, or an AssertionError. */
    static ClusterView await(java.util.concurrent.BlockingQueue<ClusterView> views,
                             java.util.function.Predicate<ClusterView> condition) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(20);
        while (System.nanoTime() < deadline) {
            ClusterView view = views.poll(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            if (view != null && condition.test(view)) {
                return view;
            }
        }
        throw new AssertionError("no view matched within 20 s");
    }
}
