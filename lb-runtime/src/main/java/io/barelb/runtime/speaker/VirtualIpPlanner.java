package io.barelb.runtime.speaker;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.config.VirtualIpSpec;
import io.fabric8.kubernetes.api.model.Node;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * Turns the {@code VirtualIP}s of a view into advertisements for one announcer: pure, the same candidates on every
 * speaker for the same view.
 *
 * <p>A virtual IP is planned for the protocols it lists. Its candidates are the nodes it names (whether or not a Node
 * object exists for them: in static mode a Node is needed only for membership) and the Nodes its selectors match
 * (every Node when it names and selects none), less the Nodes that say they cannot serve: a Ready condition of
 * {@code False} or {@code Unknown} written out, {@code NetworkUnavailable} true, or the
 * {@value AdvertisementPlanner#EXCLUDE_LABEL} label. A Node file without conditions counts as able. When this node is
 * a candidate, each address is an advertisement of the Service key {@code VirtualIP/NAME} (no Service exists; pool
 * is the virtual IP's name), or withheld while the virtual IP's health check is not healthy on this node.
 */
final class VirtualIpPlanner {

    /** The namespace of the keys that stand for virtual IPs in events, metrics and status. */
    static final String KEY_NAMESPACE = VirtualIpSpec.KIND;

    private VirtualIpPlanner() {
    }

    /** The key a virtual IP's addresses are reported under. */
    static ServiceKey key(String name) {
        return new ServiceKey(KEY_NAMESPACE, name);
    }

    /** True for the keys of virtual IPs (no Service carries that namespace: namespaces are lower case). */
    static boolean isVirtualIp(ServiceKey key) {
        return key.namespace().equals(KEY_NAMESPACE);
    }

    static void plan(String nodeName, ClusterView view, String protocol, Predicate<String> healthy,
                     List<Advertisement> advertisements, List<Advertisement> withheld, Map<String, NodeFacts> facts) {
        Map<String, Node> nodes = new TreeMap<>();
        view.nodes().forEach(node -> nodes.put(node.getMetadata().getName(), node));
        for (ConfigResource resource : view.resources(VirtualIpSpec.KIND)) {
            VirtualIpSpec vip = VirtualIpSpec.of(resource);
            if (!vip.protocols().contains(protocol)) {
                continue;
            }
            Set<String> candidates = new TreeSet<>();
            for (String name : vip.nodes()) {
                Node node = nodes.get(name);
                if (node == null || able(node)) {
                    candidates.add(name);
                }
            }
            for (Node node : nodes.values()) {
                String name = node.getMetadata().getName();
                if (able(node) && vip.selects(name, AdvertisementPlanner.labels(node.getMetadata().getLabels()))) {
                    candidates.add(name);
                }
            }
            if (!candidates.contains(nodeName)) {
                continue;
            }
            candidates.stream().filter(nodes::containsKey)
                    .forEach(name -> facts.computeIfAbsent(name, n -> NodeFactsOf.node(nodes.get(n))));
            boolean gatedOut = vip.healthCheck().map(check -> !healthy.test(check)).orElse(false);
            for (IpAddress address : vip.addresses()) {
                Advertisement advertisement = new Advertisement(key(vip.name()), address, vip.name(), candidates,
                        List.of(), false, List.of());
                (gatedOut ? withheld : advertisements).add(advertisement);
            }
        }
    }

    private static boolean able(Node node) {
        if (AdvertisementPlanner.labels(node.getMetadata().getLabels()).containsKey(AdvertisementPlanner.EXCLUDE_LABEL)) {
            return false;
        }
        String ready = AdvertisementPlanner.condition(node, "Ready");
        return !ready.equals("False") && !(ready.equals("Unknown") && hasCondition(node, "Ready"))
                && !AdvertisementPlanner.condition(node, "NetworkUnavailable").equals("True");
    }

    private static boolean hasCondition(Node node, String type) {
        return node.getStatus() != null && node.getStatus().getConditions() != null
                && node.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType()));
    }
}
