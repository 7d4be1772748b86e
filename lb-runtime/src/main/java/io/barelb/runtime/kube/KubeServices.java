package io.barelb.runtime.kube;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.allocator.IpFamilyPolicy;
import io.barelb.runtime.allocator.ServiceAnnotations;
import io.barelb.runtime.allocator.ServicePort;
import io.barelb.runtime.allocator.ServiceRequest;
import io.fabric8.kubernetes.api.model.LoadBalancerIngress;
import io.fabric8.kubernetes.api.model.LoadBalancerIngressBuilder;
import io.fabric8.kubernetes.api.model.LoadBalancerStatus;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceSpec;
import io.fabric8.kubernetes.api.model.ServiceStatus;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reads what the allocator needs from fabric8 {@link Service} objects, and builds their status. Pure. */
public final class KubeServices {

    private KubeServices() {
    }

    public static ServiceKey key(Service service) {
        return new ServiceKey(service.getMetadata().getNamespace(), service.getMetadata().getName());
    }

    /** {@code spec.type}, or empty. */
    public static String type(Service service) {
        ServiceSpec spec = service.getSpec();
        return spec == null || spec.getType() == null ? "" : spec.getType();
    }

    /** {@code spec.loadBalancerClass}, or empty. */
    public static String loadBalancerClass(Service service) {
        ServiceSpec spec = service.getSpec();
        return spec == null || spec.getLoadBalancerClass() == null ? "" : spec.getLoadBalancerClass();
    }

    /** The addresses in {@code status.loadBalancer.ingress[].ip}, in order; hostnames and bad text are skipped. */
    public static List<IpAddress> ingress(Service service) {
        ServiceStatus status = service.getStatus();
        if (status == null || status.getLoadBalancer() == null || status.getLoadBalancer().getIngress() == null) {
            return List.of();
        }
        List<IpAddress> addresses = new ArrayList<>();
        for (LoadBalancerIngress ingress : status.getLoadBalancer().getIngress()) {
            IpAddress address = IpAddress.tryParse(ingress.getIp());
            if (address != null) {
                addresses.add(address);
            }
        }
        return List.copyOf(addresses);
    }

    /** The load-balancer status listing exactly {@code addresses}. */
    public static LoadBalancerStatus loadBalancerStatus(List<IpAddress> addresses) {
        List<LoadBalancerIngress> ingress = addresses.stream()
                .map(a -> new LoadBalancerIngressBuilder().withIp(a.toString()).withIpMode("VIP").build()).toList();
        LoadBalancerStatus status = new LoadBalancerStatus();
        status.setIngress(new ArrayList<>(ingress));
        return status;
    }

    /**
     * The allocator's view of a Service.
     *
     * @throws ServiceAnnotations.InvalidAnnotationException for contradictory or unreadable annotations
     * @throws IllegalArgumentException for an unknown {@code ipFamilyPolicy} or family
     */
    public static ServiceRequest request(Service service, Map<String, String> namespaceLabels) {
        ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
        Map<String, String> annotations = orEmpty(service.getMetadata().getAnnotations());
        ServiceAnnotations parsed = ServiceAnnotations.parse(annotations, spec.getLoadBalancerIP());
        Set<ServicePort> ports = new LinkedHashSet<>();
        if (spec.getPorts() != null) {
            spec.getPorts().forEach(p -> {
                if (p.getPort() != null) {
                    ports.add(new ServicePort(p.getProtocol() == null ? "TCP" : p.getProtocol(), p.getPort()));
                }
            });
        }
        boolean local = "Local".equals(spec.getExternalTrafficPolicy());
        String selector = new TreeMap<>(orEmpty(spec.getSelector())).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(","));
        List<IpFamily> families = spec.getIpFamilies() == null ? List.of()
                : spec.getIpFamilies().stream().map(IpFamily::fromKubernetesName).toList();
        IpFamilyPolicy policy = IpFamilyPolicy.parse(spec.getIpFamilyPolicy());
        return new ServiceRequest(key(service), namespaceLabels, orEmpty(service.getMetadata().getLabels()),
                parsed.pool(), parsed.addresses(), parsed.sharingKey(), ports, local, selector, policy, families);
    }

    /** The annotations read under the deprecated {@code metallb.universe.tf/} prefix, if any. */
    public static List<String> deprecatedAnnotations(Service service) {
        try {
            ServiceSpec spec = service.getSpec() == null ? new ServiceSpec() : service.getSpec();
            return ServiceAnnotations.parse(orEmpty(service.getMetadata().getAnnotations()), spec.getLoadBalancerIP())
                    .deprecatedKeys();
        } catch (RuntimeException e) {
            return List.of();
        }
    }

    static <K, V> Map<K, V> orEmpty(Map<K, V> map) {
        return map == null ? Map.of() : map;
    }

    /** The label value, or empty. */
    public static Optional<String> label(Service service, String key) {
        return Optional.ofNullable(orEmpty(service.getMetadata().getLabels()).get(key));
    }
}
