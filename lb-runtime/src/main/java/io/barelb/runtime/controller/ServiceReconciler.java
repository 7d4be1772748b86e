package io.barelb.runtime.controller;

import io.barelb.api.ErrorCode;
import io.barelb.api.EventSink;
import io.barelb.api.LbException;
import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.Assignment;
import io.barelb.runtime.allocator.IpFamilyPolicy;
import io.barelb.runtime.allocator.Eligibility;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.Service;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Brings one Service to its desired state: checks its address families ({@link FamilyChecks}), computes its
 * assignment from the allocator (keeping what it holds while valid), writes {@code status.loadBalancer.ingress}
 * together with the {@code metallb.io/ip-allocated-from-pool} annotation when they differ (the annotation alone
 * when only it does), and reports changes as Events. A Service that loses its addresses loses the annotation too.
 * Running it twice changes nothing the second time. Not thread-safe: called from the reconcile thread only.
 */
final class ServiceReconciler {

    /** Event reasons, as MetalLB's controller writes them. */
    static final String IP_ALLOCATED = "IPAllocated";
    static final String ALLOCATION_FAILED = "AllocationFailed";
    static final String CLEAR_ASSIGNMENT = "ClearAssignment";
    static final String DEPRECATED_ANNOTATION = "deprecatedAnnotation";
    static final String ADDITIONAL_ASSIGN_FAILED = "AdditionalAssignFailed";

    private final ControllerCluster cluster;
    private final Allocator allocator;
    private final EventSink events;
    private final String lbClass;
    private final Map<ServiceKey, String> lastFailure = new HashMap<>();
    private final Set<ServiceKey> warnedDeprecated = new HashSet<>();
    private final Set<ServiceKey> additionalFailed = new HashSet<>();

    /**
     * @param cluster   the term's cached reads and writes
     * @param allocator the term's allocator (owned by the reconcile thread)
     * @param events    Service Events
     * @param lbClass   the {@code spec.loadBalancerClass} served; empty: Services without a class
     */
    ServiceReconciler(ControllerCluster cluster, Allocator allocator, EventSink events, Optional<String> lbClass) {
        this.cluster = cluster;
        this.allocator = allocator;
        this.events = events;
        this.lbClass = lbClass.orElse("");
    }

    /** True if the Service is ours: type LoadBalancer and the class rule of {@code --lb-class}. */
    boolean served(Service service) {
        return Eligibility.isServed(KubeServices.type(service), KubeServices.loadBalancerClass(service), lbClass);
    }

    /** The allocator's view of a served Service; throws for bad annotations. */
    ServiceRequest request(Service service) {
        return KubeServices.request(service, cluster.namespaceLabels(service.getMetadata().getNamespace()));
    }

    void reconcile(ServiceKey key) {
        Optional<Service> found = cluster.service(key);
        if (found.isEmpty()) {
            allocator.release(key);
            lastFailure.remove(key);
            warnedDeprecated.remove(key);
            additionalFailed.remove(key);
            return;
        }
        Service service = found.get();
        List<IpAddress> current = KubeServices.ingress(service);
        if (!served(service)) {
            boolean held = allocator.release(key);
            lastFailure.remove(key);
            additionalFailed.remove(key);
            if (held && !"LoadBalancer".equals(KubeServices.type(service)) && !current.isEmpty()) {
                cluster.writeIngress(service, List.of(), Optional.empty());
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
            fail(service, current, ALLOCATION_FAILED, e.getMessage());
            return;
        }
        Optional<String> clusterFamily = FamilyChecks.clusterIpFamily(service);
        if (clusterFamily.isPresent()) {
            warnOnce(key, FamilyChecks.NO_CLUSTER_IPS_FAMILY, clusterFamily.get());
            return;
        }
        Optional<String> notEnough = FamilyChecks.notEnoughClusterIps(service, request.ipFamilyPolicy());
        if (notEnough.isPresent()) {
            fail(service, current, FamilyChecks.NOT_ENOUGH_CLUSTER_IPS, notEnough.get());
            return;
        }
        FamilyChecks.ingressFamily(service).ifPresent(m -> events.warning(key, FamilyChecks.NO_LB_IPS_FAMILY, m));
        AllocationResult result = allocator.assign(request);
        if (result instanceof AllocationResult.Assigned assigned) {
            List<IpAddress> addresses = assigned.assignment().addresses();
            String from = assigned.assignment().pool();
            lastFailure.remove(key);
            if (addresses.equals(current)) {
                cluster.writePool(service, Optional.of(from));
            } else {
                if (!cluster.writeIngress(service, addresses, Optional.of(from))) {
                    return;
                }
                String added = current.size() == 1 && addresses.size() == 2 && addresses.containsAll(current)
                        ? "additional " : "";
                events.normal(key, IP_ALLOCATED, "Assigned " + added + "IP " + text(addresses) + " from pool \""
                        + from + "\"");
            }
            reportAdditional(key, request, current, assigned.assignment());
        } else {
            AllocationResult.Failed failed = (AllocationResult.Failed) result;
            fail(service, current, ALLOCATION_FAILED, failed.message() + " (" + failed.code().reason() + ")");
        }
    }

    /**
     * A PreferDualStack Service that kept its one address but could not get the other family's from the same pool
     * (MetalLB's {@code AdditionalAssignFailed}, a Normal Event); reported once until that changes.
     */
    private void reportAdditional(ServiceKey key, ServiceRequest request, List<IpAddress> current, Assignment kept) {
        boolean missingFamily = request.ipFamilyPolicy() == IpFamilyPolicy.PREFER_DUAL_STACK
                && request.wantedFamilies().size() == 2 && kept.addresses().size() == 1 && current.equals(kept.addresses());
        if (!missingFamily) {
            additionalFailed.remove(key);
            return;
        }
        if (additionalFailed.add(key)) {
            IpFamily have = kept.addresses().get(0).family();
            IpFamily missing = have == IpFamily.IPV4 ? IpFamily.IPV6 : IpFamily.IPV4;
            events.normal(key, ADDITIONAL_ASSIGN_FAILED, "cannot assign an additional " + missing.kubernetesName()
                    + " address in PreferDualStack: pool \"" + kept.pool() + "\" has no free one; the Service keeps "
                    + text(kept.addresses()));
        }
    }

    /** Reports that a Service lost addresses to a configuration change, before it is reconciled again. */
    void cleared(ServiceKey key, List<IpAddress> addresses, String reason) {
        events.warning(key, CLEAR_ASSIGNMENT, "current IP " + text(addresses) + " not allowed by config (" + reason
                + "), will attempt for new IP assignment");
    }

    /** The Service gets no address: what it held is released, its status and pool annotation cleared. */
    private void fail(Service service, List<IpAddress> current, String reason, String message) {
        ServiceKey key = KubeServices.key(service);
        allocator.release(key);
        additionalFailed.remove(key);
        if (current.isEmpty()) {
            cluster.writePool(service, Optional.empty());
        } else {
            cluster.writeIngress(service, List.of(), Optional.empty());
        }
        String text = ALLOCATION_FAILED.equals(reason) ? "Failed to allocate IP for \"" + key + "\": " + message : message;
        warnOnce(key, reason, text);
    }

    /** A Warning, unless the last one for this Service said the same. */
    private void warnOnce(ServiceKey key, String reason, String message) {
        if (!(reason + ": " + message).equals(lastFailure.put(key, reason + ": " + message))) {
            events.warning(key, reason, message);
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
