package io.barelb.runtime.speaker;

import io.barelb.api.announce.NodeFacts;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.List;
import java.util.Map;

/** The {@link NodeFacts} plugins see of a fabric8 Node: name, labels, {@code status.addresses}. Pure. */
final class NodeFactsOf {

    private NodeFactsOf() {
    }

    static NodeFacts node(Node node) {
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        List<NodeAddress> addresses = node.getStatus() == null || node.getStatus().getAddresses() == null
                ? List.of() : node.getStatus().getAddresses();
        return new NodeFacts(node.getMetadata().getName(), labels, addresses.stream()
                .filter(a -> a.getType() != null && a.getAddress() != null)
                .map(a -> new NodeFacts.Address(a.getType(), a.getAddress())).toList());
    }
}
