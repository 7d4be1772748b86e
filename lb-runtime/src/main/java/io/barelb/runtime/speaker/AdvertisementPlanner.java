package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.PoolLookup;
import io.barelb.runtime.config.StandaloneKinds;
import io.barelb.runtime.model.AddressPool;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Computes, from a {@link ClusterView}, what one announcer on this node should announce: pure, no I/O, the
 * same answer for the same view on every node (apart from which advertisements include this node).
 *
 * <p>For each address in a Service's {@code status.loadBalancer.ingress}: the pool is found by address; the
 * advertisements of the announcer's kind that select the pool and the Service are kept; the candidate nodes
 * are the nodes those advertisements select that are Ready, not {@code NetworkUnavailable}, not labelled
 * {@value #EXCLUDE_LABEL}, and, for {@code externalTrafficPolicy: Local}, have a serving endpoint of the
 * Service. A Service with no serving endpoint at all is not announced. The address is handed to the
 * announcer only when this node is a candidate. {@code VirtualIP}s are planned by {@link VirtualIpPlanner}; an
 * address gated by a health check that fails on this node is handed over as withheld instead.
 */
final class AdvertisementPlanner {

    static final String EXCLUDE_LABEL = "node.kubernetes.io/exclude-from-external-load-balancers";
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final String nodeName;
    private final Optional<String> loadBalancerClass;

    /**
     * @param nodeName          this node
     * @param loadBalancerClass the class handled; empty means Services without a class
     */
    AdvertisementPlanner(String nodeName, Optional<String> loadBalancerClass) {
        this.nodeName = nodeName;
        this.loadBalancerClass = loadBalancerClass;
    }

    /** The state of the Services' addresses only, with no health check passing (no protocol: no VirtualIP). */
    AnnouncerState plan(ClusterView view, PoolLookup pools, String advertisementKind, Collection<String> ownedKinds) {
        return plan(view, pools, "", advertisementKind, ownedKinds, check -> false);
    }

    /**
     * The state for the announcer {@code protocol} whose advertisements are of {@code advertisementKind}: the
     * addresses of Services (through pools and advertisements) and of {@code VirtualIP}s that list the protocol.
     * An address gated by a health check (a Service's {@value StandaloneKinds#SERVICE_ANNOTATION} annotation, a
     * VirtualIP's {@code healthCheck}) whose backend on this node is not healthy goes to
     * {@link AnnouncerState#withheld()} instead of the advertisements.
     *
     * @param healthy whether the named health check passes on this node (false for a check that does not exist)
     */
    AnnouncerState plan(ClusterView view, PoolLookup pools, String protocol, String advertisementKind,
                        Collection<String> ownedKinds, Predicate<String> healthy) {
        List<ConfigResource> owned = view.resources().stream().filter(r -> ownedKinds.contains(r.kind())).toList();
        List<Advertisement> advertisements = new ArrayList<>();
        List<Advertisement> withheld = new ArrayList<>();
        Map<String, NodeFacts> facts = new TreeMap<>();
        boolean advertised = planServices(view, pools, advertisementKind, healthy, advertisements, withheld, facts);
        VirtualIpPlanner.plan(nodeName, view, protocol, healthy, advertisements, withheld, facts);
        if (!advertised && advertisements.isEmpty() && withheld.isEmpty()) {
            return new AnnouncerState(List.of(), owned);
        }
        view.nodes().stream().filter(node -> nodeName.equals(node.getMetadata().getName())).findFirst()
                .ifPresent(me -> facts.putIfAbsent(nodeName, NodeFactsOf.node(me)));
        return new AnnouncerState(advertisements, owned, facts, withheld);
    }

    /** Plans the Services' addresses; false when no advertisement of the kind exists (nothing is planned). */
    private boolean planServices(ClusterView view, PoolLookup pools, String advertisementKind, Predicate<String> healthy,
                                 List<Advertisement> advertisements, List<Advertisement> withheld,
                                 Map<String, NodeFacts> facts) {
        List<AdvertisementRule> rules = view.resources(advertisementKind).stream().map(AdvertisementRule::of).toList();
        if (rules.isEmpty()) {
            return false;
        }
        Map<String, Node> eligibleNodes = eligibleNodes(view.nodes());
        Map<ServiceKey, Set<String>> servingNodes = servingNodes(view.endpointSlices());
        // the advertisements of 10,000 Services mostly have the same candidates and advertisements: held once
        Map<Object, Object> shared = new HashMap<>();
        for (ServiceFacts service : view.services()) {
            if (!handles(service)) {
                continue;
            }
            ServiceKey key = service.key();
            Set<String> serving = servingNodes.get(key);
            if (serving == null || serving.isEmpty()) {
                continue;
            }
            boolean local = service.isLocal();
            Map<String, String> serviceLabels = service.labels();
            Optional<String> check = service.healthCheck();
            for (IpAddress address : service.ingress()) {
                Optional<AddressPool> pool = pools.poolOf(address);
                if (pool.isEmpty()) {
                    continue;
                }
                List<AdvertisementRule> selecting = rules.stream()
                        .filter(rule -> rule.selectsPool(pool.get()) && rule.selectsService(serviceLabels))
                        .toList();
                Set<String> candidates = new TreeSet<>();
                for (Node node : eligibleNodes.values()) {
                    String name = node.getMetadata().getName();
                    boolean selected = selecting.stream().anyMatch(rule -> rule.selectsNode(labels(node.getMetadata().getLabels())));
                    if (selected && (!local || serving.contains(name))) {
                        candidates.add(name);
                    }
                }
                if (!candidates.contains(nodeName)) {
                    continue;
                }
                Map<String, String> myLabels = labels(eligibleNodes.get(nodeName).getMetadata().getLabels());
                List<ConfigResource> selectedBy = selecting.stream().filter(rule -> rule.selectsNode(myLabels))
                        .map(AdvertisementRule::resource)
                        .sorted(Comparator.comparing(ConfigResource::name))
                        .toList();
                List<ConfigResource> selectingAddress = selecting.stream().map(AdvertisementRule::resource)
                        .sorted(Comparator.comparing(ConfigResource::name)).toList();
                candidates.forEach(name -> facts.computeIfAbsent(name, n -> NodeFactsOf.node(eligibleNodes.get(n))));
                Advertisement advertisement = new Advertisement(key, address, pool.get().name(),
                        share(shared, Set.copyOf(candidates)), share(shared, List.copyOf(selectedBy)), local,
                        share(shared, List.copyOf(selectingAddress)), service.ingress(), service.sharingKey());
                (check.isPresent() && !healthy.test(check.get()) ? withheld : advertisements).add(advertisement);
            }
        }
        return true;
    }

    /** The instance equal to {@code value} that {@code shared} holds, {@code value} when it holds none yet. */
    @SuppressWarnings("unchecked")
    private static <T> T share(Map<Object, Object> shared, T value) {
        return (T) shared.computeIfAbsent(value, v -> v);
    }

    private boolean handles(ServiceFacts service) {
        return service.isLoadBalancer() && service.loadBalancerClass().equals(loadBalancerClass);
    }

    /** Nodes that may announce at all, by name. */
    static Map<String, Node> eligibleNodes(List<Node> nodes) {
        Map<String, Node> eligible = new HashMap<>();
        for (Node node : nodes) {
            if (labels(node.getMetadata().getLabels()).containsKey(EXCLUDE_LABEL)) {
                continue;
            }
            if (condition(node, "Ready").equals("True") && !condition(node, "NetworkUnavailable").equals("True")) {
                eligible.put(node.getMetadata().getName(), node);
            }
        }
        return eligible;
    }

    static String condition(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return "Unknown";
        }
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .map(NodeCondition::getStatus).findFirst().orElse("Unknown");
    }

    /** For each Service, the nodes with an endpoint that serves ({@link EndpointSliceFacts#NO_NODE} for one without a node). */
    static Map<ServiceKey, Set<String>> servingNodes(List<EndpointSliceFacts> slices) {
        Map<ServiceKey, Set<String>> serving = new HashMap<>();
        for (EndpointSliceFacts slice : slices) {
            slice.serviceKey().ifPresent(service -> serving.computeIfAbsent(service, k -> new TreeSet<>())
                    .addAll(slice.servingNodes()));
        }
        return serving;
    }

    static Map<String, String> labels(Map<String, String> labels) {
        return labels == null ? Map.of() : labels;
    }
}
