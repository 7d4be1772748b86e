package io.barelb.api.announce;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;

/**
 * What an announcer is doing for one advertisement on this node. Immutable.
 *
 * @param service   the Service
 * @param address   the address
 * @param announced true if this node is announcing it now
 * @param where     where it is announced: interface names for layer2, peer addresses for BGP
 * @param message   a short human-readable explanation (e.g. "owner is node-b", "peer 192.0.2.1 down")
 */
public record AnnouncementStatus(ServiceKey service, IpAddress address, boolean announced, List<String> where,
                                 String message) {

    public AnnouncementStatus {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(address, "address");
        where = List.copyOf(where);
        Objects.requireNonNull(message, "message");
    }
}
