package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.net.IpAddress;
import io.barelb.api.select.LabelSelector;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One {@code VirtualIP} ({@code barelb.io/v1beta1}, owned by the runtime): addresses announced on their own, with
 * no Service, EndpointSlice or pool, from the nodes it names or selects, by the protocols it lists, and only from
 * nodes whose backend passes its health check. Made for the speaker's static mode (the virtual IP in front of a
 * highly available kube-apiserver, which must exist before the cluster does). Immutable.
 *
 * <pre>
 * spec:
 *   addresses: [203.0.113.10]
 *   nodes: [cp-1, cp-2, cp-3]        # and/or nodeSelectors; neither: every node
 *   nodeSelectors: [{matchLabels: {node-role.kubernetes.io/control-plane: ""}}]
 *   protocols: [layer2]              # default [layer2]
 *   healthCheck: apiserver           # a HealthCheck's name; none: a running speaker is enough
 * </pre>
 *
 * @param name          the resource's name
 * @param addresses     the addresses, in order, no duplicates
 * @param nodes         node names that may hold them
 * @param nodeSelectors selectors of further nodes that may hold them
 * @param protocols     the announcers that announce them ({@code layer2}, {@code bgp}, ...)
 * @param healthCheck   the name of the {@code HealthCheck} gating every node's candidacy, if any
 */
public record VirtualIpSpec(String name, List<IpAddress> addresses, Set<String> nodes,
                            List<LabelSelector> nodeSelectors, List<String> protocols, Optional<String> healthCheck) {

    public static final String KIND = "VirtualIP";
    static final Set<String> FIELDS = Set.of("addresses", "nodes", "nodeSelectors", "protocols", "healthCheck");
    static final String DEFAULT_PROTOCOL = "layer2";

    public VirtualIpSpec {
        Objects.requireNonNull(name, "name");
        addresses = List.copyOf(addresses);
        nodes = Set.copyOf(nodes);
        nodeSelectors = List.copyOf(nodeSelectors);
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(healthCheck, "healthCheck");
    }

    /** True if {@code node} (with {@code labels}) may hold the addresses. */
    public boolean selects(String node, Map<String, String> labels) {
        if (nodes.isEmpty() && nodeSelectors.isEmpty()) {
            return true;
        }
        return nodes.contains(node) || nodeSelectors.stream().anyMatch(s -> s.matches(labels));
    }

    /** True if neither names nor selectors are given: every node may hold the addresses. */
    public boolean everyNode() {
        return nodes.isEmpty() && nodeSelectors.isEmpty();
    }

    /**
     * The virtual IP of a validated resource.
     *
     * @throws IllegalArgumentException with the problems, if it was not valid
     */
    public static VirtualIpSpec of(ConfigResource resource) {
        Problems problems = new Problems();
        Optional<VirtualIpSpec> spec = read(resource, problems);
        if (spec.isEmpty()) {
            throw new IllegalArgumentException(problems.list().stream().map(ConfigProblem::message).toList().toString());
        }
        return spec.get();
    }

    /** Reads one resource, adding each problem to {@code problems}; empty if there was any. */
    static Optional<VirtualIpSpec> read(ConfigResource resource, Problems problems) {
        int before = problems.list().size();
        ConfigView spec = resource.spec();
        problems.unknownKeys(spec, FIELDS);
        List<String> texts = problems.readList(() -> spec.strings("addresses"));
        if (texts.isEmpty() && !problems.list().stream().anyMatch(p -> p.field().equals(spec.fieldPath("addresses")))) {
            problems.at(spec, "addresses", "", "is required: the virtual IP addresses, e.g. [203.0.113.10]");
        }
        Set<IpAddress> addresses = new LinkedHashSet<>();
        for (int i = 0; i < texts.size(); i++) {
            IpAddress address = IpAddress.tryParse(texts.get(i).trim());
            if (address == null) {
                problems.at(spec, "addresses[" + i + "]", texts.get(i), "is not an IP address; write one address per "
                        + "entry (no prefix length), e.g. 203.0.113.10 or 2001:db8::10");
            } else if (!addresses.add(address)) {
                problems.at(spec, "addresses[" + i + "]", texts.get(i), "is listed twice; remove one");
            }
        }
        List<String> nodeNames = problems.readList(() -> spec.strings("nodes"));
        for (int i = 0; i < nodeNames.size(); i++) {
            if (!nodeNames.get(i).matches("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?")) {
                problems.at(spec, "nodes[" + i + "]", nodeNames.get(i), "is not a node name (lower-case letters, digits,"
                        + " '-' and '.'; the names the speakers get with --node)");
            }
        }
        List<LabelSelector> selectors = io.barelb.api.select.LabelSelectors.list(spec, "nodeSelectors", problems);
        List<String> protocols = problems.readList(() -> spec.strings("protocols"));
        if (protocols.isEmpty()) {
            protocols = List.of(DEFAULT_PROTOCOL);
        }
        for (int i = 0; i < protocols.size(); i++) {
            if (!protocols.get(i).matches("[a-z][a-z0-9-]*")) {
                problems.at(spec, "protocols[" + i + "]", protocols.get(i), "must name an announcer plugin, e.g. layer2");
            }
        }
        Optional<String> healthCheck = problems.read(() -> spec.string("healthCheck"));
        if (healthCheck.isPresent() && healthCheck.get().isBlank()) {
            problems.at(spec, "healthCheck", "", "must name a HealthCheck; remove the field to announce without one");
        }
        if (problems.list().size() != before) {
            return Optional.empty();
        }
        return Optional.of(new VirtualIpSpec(resource.name(), new ArrayList<>(addresses), new LinkedHashSet<>(nodeNames),
                selectors, List.copyOf(new LinkedHashSet<>(protocols)), healthCheck));
    }
}
