package io.barelb.runtime.controller;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.allocator.IpFamilyPolicy;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The address-family checks MetalLB's controller makes on a Service before it allocates (METALLB-REFERENCE §2),
 * each answering the message of its Warning Event, or empty when the Service passes. Pure; no I/O.
 *
 * <ul>
 *   <li>{@link #notEnoughClusterIps}: a {@code RequireDualStack} Service needs two {@code spec.clusterIPs}, one
 *       of each family (reason {@value #NOT_ENOUGH_CLUSTER_IPS}).</li>
 *   <li>{@link #clusterIpFamily}: the family of the cluster IPs cannot be told (unreadable text, more than two,
 *       or two of one family; reason {@value #NO_CLUSTER_IPS_FAMILY}).</li>
 *   <li>{@link #ingressFamily}: the same for the addresses in {@code status.loadBalancer.ingress} (reason
 *       {@value #NO_LB_IPS_FAMILY}).</li>
 * </ul>
 * A Service without cluster IPs (as the embedded API stores them) passes the last two.
 */
final class FamilyChecks {

    static final String NOT_ENOUGH_CLUSTER_IPS = "not enough clusterips";
    static final String NO_CLUSTER_IPS_FAMILY = "noclusterIPsIPFamily";
    static final String NO_LB_IPS_FAMILY = "nolbIPsIPFamily";

    private FamilyChecks() {
    }

    /** {@code spec.clusterIPs}, or {@code [spec.clusterIP]} when only that is set; text as written. */
    static List<String> clusterIps(Service service) {
        ServiceSpec spec = service.getSpec();
        if (spec == null) {
            return List.of();
        }
        if (spec.getClusterIPs() != null && !spec.getClusterIPs().isEmpty()) {
            return List.copyOf(spec.getClusterIPs());
        }
        return spec.getClusterIP() == null || spec.getClusterIP().isEmpty() ? List.of() : List.of(spec.getClusterIP());
    }

    static Optional<String> notEnoughClusterIps(Service service, IpFamilyPolicy policy) {
        if (policy != IpFamilyPolicy.REQUIRE_DUAL_STACK) {
            return Optional.empty();
        }
        List<String> ips = clusterIps(service);
        if (families(ips).filter(f -> f.size() == 2).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("ipFamilyPolicy RequireDualStack needs two spec.clusterIPs, one IPv4 and one IPv6, but"
                + " the Service has " + ips + "; no address is allocated until the cluster gives it both (is the"
                + " cluster dual-stack?), or use PreferDualStack");
    }

    static Optional<String> clusterIpFamily(Service service) {
        List<String> ips = clusterIps(service);
        if (ips.isEmpty() || families(ips).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("cannot tell the IP family of spec.clusterIPs " + ips
                + ": expected one address, or one IPv4 and one IPv6 address; no address is allocated");
    }

    static Optional<String> ingressFamily(Service service) {
        List<String> ips = new ArrayList<>();
        if (service.getStatus() != null && service.getStatus().getLoadBalancer() != null
                && service.getStatus().getLoadBalancer().getIngress() != null) {
            for (LoadBalancerIngress ingress : service.getStatus().getLoadBalancer().getIngress()) {
                if (ingress.getIp() != null && !ingress.getIp().isEmpty()) {
                    ips.add(ingress.getIp());
                }
            }
        }
        if (ips.isEmpty() || families(ips).isPresent()) {
            return Optional.empty();
        }
        return Optional.of("cannot tell the IP family of status.loadBalancer.ingress " + ips
                + ": expected one address, or one IPv4 and one IPv6 address; the status is replaced by a new"
                + " assignment");
    }

    /** The families of one address or of an IPv4 and IPv6 pair, in order; empty for anything else. */
    private static Optional<List<IpFamily>> families(List<String> texts) {
        if (texts.isEmpty() || texts.size() > 2) {
            return Optional.empty();
        }
        List<IpFamily> families = new ArrayList<>(2);
        for (String text : texts) {
            IpAddress address = IpAddress.tryParse(text);
            if (address == null || families.contains(address.family())) {
                return Optional.empty();
            }
            families.add(address.family());
        }
        return Optional.of(List.copyOf(families));
    }
}
