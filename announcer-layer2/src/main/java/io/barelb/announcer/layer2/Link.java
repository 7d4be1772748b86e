package io.barelb.announcer.layer2;

import java.util.Objects;

/**
 * One network interface of this node as the kernel describes it, reduced to what the responder needs.
 *
 * @param name     interface name
 * @param mac      its hardware address
 * @param up       administratively up and with carrier (operstate {@code up}, or {@code unknown} with
 *                 IFF_UP and IFF_RUNNING)
 * @param suitable an Ethernet interface that can carry ARP: type ARPHRD_ETHER, IFF_BROADCAST set, IFF_NOARP
 *                 clear, not loopback, not enslaved to a bridge or bond (MetalLB skips those too)
 */
record Link(String name, MacAddress mac, boolean up, boolean suitable) {

    Link {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mac, "mac");
    }

    /** Suitable and up: the responder may announce on it. */
    boolean usable() {
        return suitable && up;
    }
}
