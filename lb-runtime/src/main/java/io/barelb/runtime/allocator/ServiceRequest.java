package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the allocator needs to know about one Service of type LoadBalancer, already read from the Service and its
 * Namespace (annotations through {@link ServiceAnnotations}). Immutable; no Kubernetes types.
 *
 * @param service            the Service
 * @param namespaceLabels    labels of the Service's Namespace (for {@code serviceAllocation.namespaceSelectors})
 * @param serviceLabels      labels of the Service (for {@code serviceAllocation.serviceSelectors})
 * @param pool               the pool asked for by the {@code address-pool} annotation, if any
 * @param addresses          addresses asked for by {@code spec.loadBalancerIP} or the {@code loadBalancerIPs}
 *                           annotation; empty to let the allocator choose
 * @param sharingKey         the {@code allow-shared-ip} annotation, {@code ""} when absent
 * @param ports              the (protocol, port) pairs of {@code spec.ports}
 * @param localTrafficPolicy true for {@code externalTrafficPolicy: Local}
 * @param backendKey         the pod selector in text form, as {@link #selectorKey(Map)} writes it; only compared
 *                           when {@code localTrafficPolicy} is true
 * @param ipFamilyPolicy     {@code spec.ipFamilyPolicy}
 * @param ipFamilies         {@code spec.ipFamilies}, primary first; may be empty (IPv4 primary)
 */
public record ServiceRequest(ServiceKey service, Map<String, String> namespaceLabels, Map<String, String> serviceLabels,
                             Optional<String> pool, List<IpAddress> addresses, String sharingKey, Set<ServicePort> ports,
                             boolean localTrafficPolicy, String backendKey, IpFamilyPolicy ipFamilyPolicy,
                             List<IpFamily> ipFamilies) {

    // wantedFamilies() answers one of these (called on every assignment, so allocates nothing)
    private static final List<IpFamily> ONLY_V4 = List.of(IpFamily.IPV4);
    private static final List<IpFamily> ONLY_V6 = List.of(IpFamily.IPV6);
    private static final List<IpFamily> V4_THEN_V6 = List.of(IpFamily.IPV4, IpFamily.IPV6);
    private static final List<IpFamily> V6_THEN_V4 = List.of(IpFamily.IPV6, IpFamily.IPV4);

    public ServiceRequest {
        Objects.requireNonNull(service, "service");
        namespaceLabels = Map.copyOf(namespaceLabels);
        serviceLabels = Map.copyOf(serviceLabels);
        Objects.requireNonNull(pool, "pool");
        addresses = List.copyOf(addresses);
        Objects.requireNonNull(sharingKey, "sharingKey");
        ports = Set.copyOf(ports);
        Objects.requireNonNull(backendKey, "backendKey");
        Objects.requireNonNull(ipFamilyPolicy, "ipFamilyPolicy");
        ipFamilies = List.copyOf(ipFamilies);
    }

    /** A single-stack Service with no labels, ports, pool, addresses or sharing key, and cluster traffic policy. */
    public static ServiceRequest of(ServiceKey service) {
        return new ServiceRequest(service, Map.of(), Map.of(), Optional.empty(), List.of(), "", Set.of(), false, "",
                IpFamilyPolicy.SINGLE_STACK, List.of());
    }

    /**
     * A Service's {@code spec.selector} as one string, keys sorted: {@code app=web,tier=front}. Two Services with
     * equal selectors get equal keys, whatever the order of their maps.
     */
    public static String selectorKey(Map<String, String> selector) {
        StringBuilder text = new StringBuilder();
        new TreeMap<>(selector).forEach((key, value) -> {
            if (text.length() > 0) {
                text.append(',');
            }
            text.append(key).append('=').append(value);
        });
        return text.toString();
    }

    /** A copy asking for {@code pool}. */
    public ServiceRequest withPool(String pool) {
        return new ServiceRequest(service, namespaceLabels, serviceLabels, Optional.of(pool), addresses, sharingKey,
                ports, localTrafficPolicy, backendKey, ipFamilyPolicy, ipFamilies);
    }

    /** A copy asking for exactly these addresses. */
    public ServiceRequest withAddresses(List<IpAddress> wanted) {
        return new ServiceRequest(service, namespaceLabels, serviceLabels, pool, wanted, sharingKey, ports,
                localTrafficPolicy, backendKey, ipFamilyPolicy, ipFamilies);
    }

    /** A copy with this {@code allow-shared-ip} key and these ports. */
    public ServiceRequest withSharing(String key, Set<ServicePort> servicePorts) {
        return new ServiceRequest(service, namespaceLabels, serviceLabels, pool, addresses, key, servicePorts,
                localTrafficPolicy, backendKey, ipFamilyPolicy, ipFamilies);
    }

    /** A copy with {@code externalTrafficPolicy: Local} (true) or Cluster (false) and this pod selector. */
    public ServiceRequest withTrafficPolicy(boolean local, String selector) {
        return new ServiceRequest(service, namespaceLabels, serviceLabels, pool, addresses, sharingKey, ports, local,
                selector, ipFamilyPolicy, ipFamilies);
    }

    /** A copy with this family policy and families, primary first. */
    public ServiceRequest withFamilies(IpFamilyPolicy policy, List<IpFamily> families) {
        return new ServiceRequest(service, namespaceLabels, serviceLabels, pool, addresses, sharingKey, ports,
                localTrafficPolicy, backendKey, policy, families);
    }

    /** A copy with these Namespace and Service labels. */
    public ServiceRequest withLabels(Map<String, String> namespaceLabelMap, Map<String, String> serviceLabelMap) {
        return new ServiceRequest(service, namespaceLabelMap, serviceLabelMap, pool, addresses, sharingKey, ports,
                localTrafficPolicy, backendKey, ipFamilyPolicy, ipFamilies);
    }

    /**
     * The families to allocate, primary first: one for SingleStack, and for PreferDualStack when
     * {@code ipFamilies} lists one (a single-stack cluster); both otherwise.
     */
    public List<IpFamily> wantedFamilies() {
        boolean v4 = ipFamilies.isEmpty() || ipFamilies.get(0) == IpFamily.IPV4;
        if (ipFamilyPolicy == IpFamilyPolicy.SINGLE_STACK
                || ipFamilyPolicy == IpFamilyPolicy.PREFER_DUAL_STACK && ipFamilies.size() == 1) {
            return v4 ? ONLY_V4 : ONLY_V6;
        }
        return v4 ? V4_THEN_V6 : V6_THEN_V4;
    }

    /** What two Services must have equal to share an address: {@code ""} for Cluster, the selector for Local. */
    String effectiveBackendKey() {
        return localTrafficPolicy ? "local:" + backendKey : "";
    }
}
