package io.barelb.runtime.allocator;

import io.barelb.api.ErrorCode;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.AllocationResult.Failed;
import java.util.List;

/** The checks on a set of addresses that need no pool: their number and families against the Service's. */
final class AddressRules {

    private AddressRules() {
    }

    /** Why {@code addresses} do not fit the Service's family policy, or null if they do. */
    static Failed checkFamilies(ServiceRequest request, List<IpAddress> addresses) {
        if (addresses.isEmpty() || addresses.size() > 2) {
            return new Failed(ErrorCode.INVALID_REQUEST, request.service() + " may hold one address, or two of different"
                    + " families, not " + addresses.size());
        }
        if (addresses.size() == 2 && addresses.get(0).family() == addresses.get(1).family()) {
            return new Failed(ErrorCode.INVALID_REQUEST, addresses.get(0) + " and " + addresses.get(1)
                    + " are of the same family; request at most one IPv4 and one IPv6 address");
        }
        for (IpAddress address : addresses) {
            if (!request.ipFamilies().isEmpty() && !request.ipFamilies().contains(address.family())) {
                return new Failed(ErrorCode.INVALID_REQUEST, address + " is " + address.family().kubernetesName()
                        + " but the Service's ipFamilies are " + names(request) + "; request an address of its family");
            }
        }
        switch (request.ipFamilyPolicy()) {
            case SINGLE_STACK -> {
                if (addresses.size() != 1) {
                    return new Failed(ErrorCode.INVALID_REQUEST, "a SingleStack Service takes one address, not "
                            + addresses + "; request one or set ipFamilyPolicy to PreferDualStack or RequireDualStack");
                }
            }
            case REQUIRE_DUAL_STACK -> {
                if (addresses.size() != 2) {
                    return new Failed(ErrorCode.INVALID_REQUEST, "a RequireDualStack Service needs an IPv4 and an IPv6"
                            + " address, not " + addresses);
                }
            }
            case PREFER_DUAL_STACK -> {
                // one or two addresses of the Service's families: already checked
            }
        }
        return null;
    }

    private static String names(ServiceRequest request) {
        return request.ipFamilies().stream().map(f -> f.kubernetesName()).toList().toString();
    }
}
