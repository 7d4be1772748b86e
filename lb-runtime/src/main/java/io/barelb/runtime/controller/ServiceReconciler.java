package io.barelb.runtime.controller;

import io.barelb.api.ErrorCode;
import io.barelb.api.EventSink;
import io.barelb.api.LbException;
import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.Eligibility;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.kube.ControllerInformers;
import io.barelb.runtime.kube.KubeServices;
import io.barelb.runtime.kube.ServiceStatusWriter;
import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings one Service to its desired state: computes its assignment from the allocator (keeping what it holds
 * while valid), writes {@code status.loadBalancer.ingress} when it differs, and reports changes as Events.
 * Running it twice changes nothing the second time. Not thread-safe: called from the reconcile thread only.
 */
final class ServiceReconciler {

    /** Event reasons, as MetalLB's controller writes them. */
    static final String IP_ALLOCATED = "IPAllocated";
    static final String ALLOCATION_FAILED = "AllocationFailed";
    static final String CLEAR_ASSIGNMENT = "ClearAssignment";
    static final String DEPRECATED_ANNOTATION = "deprecatedAnnotation";

    private final ControllerInformers cache;
    private final Allocator allocator;
    private final ServiceStatusWriter status;
    private final EventSink events;
    private final String lbClass;
    private final Map<ServiceKey, String> lastFailure = new HashMap<>();
    private final Set<ServiceKey> warnedDeprecated = new HashSet<>();

    ServiceReconciler(ControllerInformers cache, Allocator allocator, ServiceStatusWriter status, EventSink events,
                      Optional<String> lbClass) {
        this.cache = cache;
        this.allocator = allocator;
        this.status = status;
        this.events = events;
        this.lbClass = lbClass.orElse("");
    }

    /** True if the Service is ours: type LoadBalancer and the class rule of {@code --lb-class}. */
    boolean served(Service service) {
        return Eligibility.isServed(KubeServices.type(service), KubeServices.loadBalancerClass(service), lbClass);
    }

    /** The allocator's view of a served Service; throws for bad annotations. */
    ServiceRequest request(Service service) {
        return KubeServices.request(service, cache.namespaceLabels(service.getMetadata().getNamespace()));
    }

    void reconcile(ServiceKey key) {
        Optional<Service> found = cache.service(key);
        if (found.isEmpty()) {
            allocator.release(key);
            lastFailure.remove(key);
            warnedDeprecated.remove(key);
            return;
        }
        Service service = found.get();
        List<IpAddress> current = KubeServices.ingress(service);
        if (!served(service)) {
            boolean held = allocator.release(key);
            lastFailure.remove(key);
            if (held && !"LoadBalancer".equals(KubeServices.type(service)) && !current.isEmpty()) {
                status.write(service, List.of());
                events.normal(key, CLEAR_ASSIGNMENT, "released " + text(current) + ": the Service is no longer of type"
                        + " LoadBalancer");
            }
            return;
        }
        List<String> deprecated = KubeServices.deprecatedAnnotations(service);
        if (!deprecated.isEmpty() && warnedDeprecated.add(key)) {
            events.warning(key, DEPRECATED_ANNOTATION, "annotations " + deprecated + " use the deprecated prefix"
                    + " metallb.universe.tf/; use metallb.io/ or barelb.io/ instead");
        }
        ServiceRequest request;
        try {
            request = request(service);
        } catch (LbException | IllegalArgumentException e) {
            fail(service, current, e.getMessage());
            return;
        }
        AllocationResult result = allocator.assign(request);
        if (result instanceof AllocationResult.Assigned assigned) {
            List<IpAddress> addresses = assigned.assignment().addresses();
            lastFailure.remove(key);
            if (!addresses.equals(current)) {
                if (status.write(service, addresses)) {
                    events.normal(key, IP_ALLOCATED, "Assigned IP " + text(addresses) + " from pool \""
                            + assigned.assignment().pool() + "\"");
                }
            }
        } else {
            AllocationResult.Failed failed = (AllocationResult.Failed) result;
            fail(service, current, failed.message() + " (" + failed.code().reason() + ")");
        }
    }

    /** Reports that a Service lost addresses to a configuration change, before it is reconciled again. */
    void cleared(ServiceKey key, List<IpAddress> addresses, String reason) {
        events.warning(key, CLEAR_ASSIGNMENT, "current IP " + text(addresses) + " not allowed by config (" + reason
                + "), will attempt for new IP assignment");
    }

    private void fail(Service service, List<IpAddress> current, String message) {
        ServiceKey key = KubeServices.key(service);
        allocator.release(key);
        if (!current.isEmpty()) {
            status.write(service, List.of());
        }
        if (!message.equals(lastFailure.put(key, message))) {
            events.warning(key, ALLOCATION_FAILED, "Failed to allocate IP for \"" + key + "\": " + message);
        }
    }

    static String text(List<IpAddress> addresses) {
        return addresses.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(", ", "[", "]"));
    }

    /** The code of an unexpected failure, for logs. */
    static ErrorCode code(RuntimeException e) {
        return e instanceof LbException lb ? lb.code() : ErrorCode.PLUGIN_FAILURE;
    }
}
