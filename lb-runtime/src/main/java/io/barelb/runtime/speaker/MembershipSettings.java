package io.barelb.runtime.speaker;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Plugin settings the speaker derives from the cluster so that speakers find each other without per-node
 * configuration: {@code BARELB_MEMBERLIST_BIND} is this node's InternalIP and {@code BARELB_MEMBERLIST_SEEDS}
 * every node's InternalIP (the plugin adds its default port). An operator's own values win over these (see
 * {@link io.barelb.runtime.host.PluginSettings}).
 */
final class MembershipSettings {

    static final String BIND = "BARELB_MEMBERLIST_BIND";
    static final String SEEDS = "BARELB_MEMBERLIST_SEEDS";

    private MembershipSettings() {
    }

    /** The derived settings; empty when this node or any address is unknown. */
    static Map<String, String> fromNodes(String nodeName, List<Node> nodes) {
        Map<String, String> settings = new HashMap<>();
        List<String> addresses = nodes.stream().map(MembershipSettings::internalIp).flatMap(Optional::stream).sorted().toList();
        nodes.stream().filter(node -> nodeName.equals(node.getMetadata().getName())).findFirst()
                .flatMap(MembershipSettings::internalIp)
                .ifPresent(own -> {
                    settings.put(BIND, own);
                    settings.put(SEEDS, String.join(",", addresses));
                });
        return settings;
    }

    private static Optional<String> internalIp(Node node) {
        if (node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream().filter(a -> "InternalIP".equals(a.getType()))
                .map(NodeAddress::getAddress).filter(Objects::nonNull).findFirst();
    }
}
