package io.barelb.runtime.allocator;

import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;

/**
 * An assignment found on a Service at start-up ({@code status.loadBalancer.ingress}), with the Service as it is
 * now, for {@link Allocator#restore(java.util.List)}.
 *
 * @param request   the Service now
 * @param addresses the addresses its status records
 */
public record RecordedAssignment(ServiceRequest request, List<IpAddress> addresses) {

    public RecordedAssignment {
        Objects.requireNonNull(request, "request");
        addresses = List.copyOf(addresses);
    }
}
