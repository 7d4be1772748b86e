package io.barelb.api.announce;

import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the runtime knows about one node, as the Kubernetes Node (or a static Node file) says: its name, labels
 * and addresses. The same on every speaker for the same view, so an announcer may base a decision every speaker
 * must agree on (an owner election, a preference) on it. Immutable.
 *
 * @param name      the node's name
 * @param labels    {@code metadata.labels}
 * @param addresses {@code status.addresses}, in the Node's order
 * @since 0.2
 */
public record NodeFacts(String name, Map<String, String> labels, List<Address> addresses) {

    public NodeFacts {
        Objects.requireNonNull(name, "name");
        labels = Map.copyOf(labels);
        addresses = List.copyOf(addresses);
    }

    /**
     * The addresses of one type that are IP addresses, e.g. {@code InternalIP}; host names are left out.
     */
    public List<IpAddress> ipAddresses(String type) {
        return addresses.stream().filter(a -> a.type().equals(type)).map(a -> IpAddress.tryParse(a.address()))
                .filter(Objects::nonNull).toList();
    }

    /**
     * One entry of {@code status.addresses}.
     *
     * @param type    {@code InternalIP}, {@code ExternalIP}, {@code Hostname}, ...
     * @param address the address as written
     * @since 0.2
     */
    public record Address(String type, String address) {

        public Address {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(address, "address");
        }
    }
}
