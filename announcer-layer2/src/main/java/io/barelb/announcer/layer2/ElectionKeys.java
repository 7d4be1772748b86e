package io.barelb.announcer.layer2;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.net.IpAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * The address each advertised address is elected by: the first address of its Service's
 * {@code status.loadBalancer.ingress}, as MetalLB elects a Service (so a dual-stack Service's IPv4 and IPv6 address
 * land on the same node, and a single-stack Service keeps its own address as the key). An address several Services
 * share takes the lowest of their first addresses, so every Service holding it computes the same owner for it and
 * no two nodes announce it. Every speaker that sees the same Services computes the same keys. Pure.
 */
final class ElectionKeys {

    private ElectionKeys() {
    }

    /** The election key of every address among {@code advertisements}. */
    static Map<IpAddress, IpAddress> of(Collection<Advertisement> advertisements) {
        Map<IpAddress, IpAddress> keys = new HashMap<>();
        for (Advertisement ad : advertisements) {
            IpAddress first = ad.serviceAddresses().get(0);
            keys.merge(ad.address(), first, (a, b) -> a.compareTo(b) <= 0 ? a : b);
        }
        return keys;
    }
}
