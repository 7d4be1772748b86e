package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;

/**
 * The addresses a Service holds and the pool they come from. Immutable.
 *
 * @param service   the Service
 * @param pool      the pool's name (what {@code metallb.io/ip-allocated-from-pool} records)
 * @param addresses one address, or two of different families, primary family first
 */
public record Assignment(ServiceKey service, String pool, List<IpAddress> addresses) {

    public Assignment {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(pool, "pool");
        addresses = List.copyOf(addresses);
        if (addresses.isEmpty() || addresses.size() > 2) {
            throw new IllegalArgumentException("an assignment holds one or two addresses, not " + addresses.size());
        }
    }
}
