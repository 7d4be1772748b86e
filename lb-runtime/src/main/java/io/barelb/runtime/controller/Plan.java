package io.barelb.runtime.controller;

import io.barelb.api.ServiceKey;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.allocator.AllocationResult;
import io.barelb.runtime.allocator.Allocator;
import io.barelb.runtime.allocator.Eligibility;
import io.barelb.runtime.allocator.IpamRegistry;
import io.barelb.runtime.allocator.RecordedAssignment;
import io.barelb.runtime.allocator.RestoreOutcome;
import io.barelb.runtime.allocator.ServiceRequest;
import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.kube.KubeServices;
import io.fabric8.kubernetes.api.model.Service;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A dry run of a configuration over the current Services: which Service would keep, get, change or lose which
 * address, computed the way the controller would on start-up (restore recorded assignments first, then serve
 * the rest). Pure: nothing is written.
 */
public final class Plan {

    /** What would happen to one Service. */
    public enum Action {
        /** It keeps the addresses it has. */
        KEEP,
        /** It has none and would get some. */
        GET,
        /** Its addresses would be replaced. */
        CHANGE,
        /** It would lose its addresses and get none. */
        LOSE,
        /** It has none and would still get none. */
        NONE
    }

    /**
     * One line of the plan.
     *
     * @param service the Service
     * @param action  what would happen
     * @param before  its addresses now
     * @param after   its addresses under the new configuration
     * @param reason  why it changes or gets nothing; empty otherwise
     */
    public record Line(ServiceKey service, Action action, List<IpAddress> before, List<IpAddress> after, String reason) {
        public Line {
            Objects.requireNonNull(service, "service");
            Objects.requireNonNull(action, "action");
            before = List.copyOf(before);
            after = List.copyOf(after);
            Objects.requireNonNull(reason, "reason");
        }

        /** True for CHANGE and LOSE: an address in use would move. */
        public boolean disruptive() {
            return action == Action.CHANGE || action == Action.LOSE;
        }

        @Override
        public String toString() {
            String from = ServiceReconciler.text(before);
            String to = ServiceReconciler.text(after);
            String text = switch (action) {
                case KEEP -> "keep    " + service + " " + from;
                case GET -> "get     " + service + " " + to;
                case CHANGE -> "change  " + service + " " + from + " -> " + to;
                case LOSE -> "lose    " + service + " " + from;
                case NONE -> "none    " + service;
            };
            return reason.isEmpty() ? text : text + " (" + reason + ")";
        }
    }

    private Plan() {
    }

    /** The plan for {@code services} (only those the controller would serve) under {@code config}. */
    public static List<Line> compute(ClusterConfig config, IpamRegistry ipam, List<Service> services,
                                     Map<String, Map<String, String>> namespaceLabels, String lbClass) {
        // a dry run: the plugins' allocators it builds are closed, so a plugin lets go of what it took for them
        try (Allocator allocator = new Allocator(ipam)) {
            return compute(config, allocator, services, namespaceLabels, lbClass);
        }
    }

    private static List<Line> compute(ClusterConfig config, Allocator allocator, List<Service> services,
                                      Map<String, Map<String, String>> namespaceLabels, String lbClass) {
        var configured = allocator.configure(config.pools());
        if (!configured.accepted()) {
            throw new io.barelb.api.config.ConfigException(configured.problems());
        }
        List<Service> served = services.stream()
                .filter(s -> Eligibility.isServed(KubeServices.type(s), KubeServices.loadBalancerClass(s), lbClass))
                .sorted(Comparator.comparing(KubeServices::key)).toList();
        List<RecordedAssignment> recorded = new ArrayList<>();
        List<Line> lines = new ArrayList<>();
        List<Service> pending = new ArrayList<>();
        for (Service service : served) {
            ServiceRequest request;
            try {
                request = KubeServices.request(service, namespaceLabels.getOrDefault(service.getMetadata().getNamespace(), Map.of()));
            } catch (RuntimeException e) {
                List<IpAddress> now = KubeServices.ingress(service);
                lines.add(new Line(KubeServices.key(service), now.isEmpty() ? Action.NONE : Action.LOSE, now, List.of(),
                        e.getMessage()));
                continue;
            }
            if (KubeServices.ingress(service).isEmpty()) {
                pending.add(service);
            } else {
                recorded.add(new RecordedAssignment(request, KubeServices.ingress(service)));
            }
        }
        for (RestoreOutcome outcome : allocator.restore(recorded)) {
            List<IpAddress> before = recorded.stream().filter(r -> r.request().service().equals(outcome.service()))
                    .findFirst().orElseThrow().addresses();
            lines.add(switch (outcome.status()) {
                case KEPT -> new Line(outcome.service(), Action.KEEP, before, before, "");
                case REASSIGNED -> new Line(outcome.service(), Action.CHANGE, before,
                        ((AllocationResult.Assigned) outcome.result()).assignment().addresses(), outcome.reason());
                case FAILED -> new Line(outcome.service(), Action.LOSE, before, List.of(),
                        outcome.reason() + "; " + ((AllocationResult.Failed) outcome.result()).message());
            });
        }
        for (Service service : pending) {
            ServiceRequest request = KubeServices.request(service,
                    namespaceLabels.getOrDefault(service.getMetadata().getNamespace(), Map.of()));
            AllocationResult result = allocator.assign(request);
            lines.add(result instanceof AllocationResult.Assigned assigned
                    ? new Line(request.service(), Action.GET, List.of(), assigned.assignment().addresses(), "")
                    : new Line(request.service(), Action.NONE, List.of(), List.of(),
                    ((AllocationResult.Failed) result).message()));
        }
        lines.sort(Comparator.comparing(Line::service));
        return List.copyOf(lines);
    }
}
