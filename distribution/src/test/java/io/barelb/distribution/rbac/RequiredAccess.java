package io.barelb.distribution.rbac;

import io.barelb.runtime.config.ConfigKinds;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.controller.LeaderElectedController;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.barelb.runtime.kube.ConfigurationStateWriter;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * Every Kubernetes API call the controller and the speaker make, one entry per call site, with the permissions
 * it needs. Resource types and object names come from the code's own constants ({@link ConfigResourceTypes},
 * {@link ConfigurationStateWriter#TYPE}, {@link LeaderElectedController#LEASE_NAME}, {@link ConfigReader#LEGACY_NAME});
 * the call sites themselves are listed by hand, so a new API call needs a line here (the RBAC test then fails
 * until the manifests grant it, and fails when a grant is left that nothing here needs).
 * {@code ObservedApiCallsTest} runs the controller and the speaker's cluster source against the embedded API and
 * fails on any request this list does not cover.
 */
final class RequiredAccess {

    static final String CONTROLLER = "barelb-controller";
    static final String SPEAKER = "barelb-speaker";
    private static final String ANY = Access.ANY;

    /** A call site and what it needs. */
    record Call(String site, List<Access> needs) {
    }

    private RequiredAccess() {
    }

    /** The calls of both processes with the configuration in {@code namespace}. */
    static List<Call> calls(String namespace) {
        List<Call> calls = new ArrayList<>();
        // controller
        calls.add(call("ControllerInformers.start: Service informer, all namespaces",
                cluster(CONTROLLER, "", "services", "list", "watch")));
        calls.add(call("ServiceStatusWriter.write, AllocatedPoolAnnotation.write: re-read a stale Service",
                cluster(CONTROLLER, "", "services", "get")));
        calls.add(call("AllocatedPoolAnnotation.write: JSON patch of the annotation metallb.io/ip-allocated-from-pool",
                cluster(CONTROLLER, "", "services", "patch")));
        calls.add(call("ServiceStatusWriter.write: updateStatus (PUT of status.loadBalancer with the pool annotation)",
                cluster(CONTROLLER, "", "services/status", "update")));
        calls.add(call("ControllerInformers.start: Namespace informer (namespace selectors of pools)",
                cluster(CONTROLLER, "", "namespaces", "list", "watch")));
        calls.add(call("KubeEventSink.send (controller): create an Event, JSON merge patch of its count",
                cluster(CONTROLLER, "", "events", "create", "patch")));
        calls.addAll(configurationReads("ControllerInformers.start", CONTROLLER, namespace));
        List<Access> poolStatus = new ArrayList<>();
        for (ResourceDefinitionContext type : ConfigResourceTypes.all()) {
            if (type.getKind().equals(ConfigKinds.IP_ADDRESS_POOL)) {
                poolStatus.addAll(named(CONTROLLER, namespace, type.getGroup(), type.getPlural() + "/status", ANY, "update"));
            }
        }
        calls.add(call("PoolStatusWriter.write: updateStatus of IPAddressPools, both groups", poolStatus));
        ResourceDefinitionContext state = ConfigurationStateWriter.TYPE;
        calls.add(call("ConfigurationStateWriter.write: get by name",
                named(CONTROLLER, namespace, state.getGroup(), state.getPlural(), ConfigurationStateWriter.NAME, "get")));
        calls.add(call("ConfigurationStateWriter.write: create when missing (create cannot be limited to a name)",
                named(CONTROLLER, namespace, state.getGroup(), state.getPlural(), ANY, "create")));
        calls.add(call("ConfigurationStateWriter.write: updateStatus",
                named(CONTROLLER, namespace, state.getGroup(), state.getPlural() + "/status", ConfigurationStateWriter.NAME,
                        "update")));
        calls.add(call("LeaderElectedController via fabric8 ResourceLock: create the Lease when missing",
                named(CONTROLLER, namespace, "coordination.k8s.io", "leases", ANY, "create")));
        calls.add(call("LeaderElectedController via fabric8 ResourceLock: get and patch (renew, take over) the Lease",
                named(CONTROLLER, namespace, "coordination.k8s.io", "leases", LeaderElectedController.LEASE_NAME,
                        "get", "patch")));
        // speaker
        calls.add(call("KubernetesClusterSource.start: Service informer, all namespaces",
                cluster(SPEAKER, "", "services", "list", "watch")));
        calls.add(call("KubernetesClusterSource.start: EndpointSlice informer (externalTrafficPolicy: Local)",
                cluster(SPEAKER, "discovery.k8s.io", "endpointslices", "list", "watch")));
        calls.add(call("KubernetesClusterSource.start: Node informer; KubernetesSourceModule lists Nodes once for membership",
                cluster(SPEAKER, "", "nodes", "list", "watch")));
        calls.addAll(configurationReads("KubernetesClusterSource.start", SPEAKER, namespace));
        calls.add(call("KubeEventSink.send (speaker): nodeAssigned and announcer Events",
                cluster(SPEAKER, "", "events", "create", "patch")));
        calls.add(call("KubernetesSecrets.value: get the Secret a plugin names (PluginContext.secret)",
                named(SPEAKER, namespace, "", "secrets", ANY, "get")));
        // the status kinds the built-in plugins declare (AnnouncerFactory.statusKind()): MetalLB's ServiceL2Status
        // (layer2) and ServiceBGPStatus (bgp); a third party's kind needs the same grants, added by its installer
        for (io.barelb.api.announce.StatusKind kind : List.of(
                io.barelb.announcer.layer2.Layer2AnnouncerFactory.SERVICE_L2_STATUS,
                io.barelb.announcer.bgp.BgpAnnouncerFactory.SERVICE_BGP_STATUS)) {
            calls.add(call("KubernetesStatusResources.write: list this node's " + kind.kind() + " (label metallb.io/node),"
                            + " create one (generateName " + kind.namePrefix() + "), delete those no longer listed",
                    named(SPEAKER, namespace, kind.group(), kind.plural(), ANY, "list", "create", "delete")));
            calls.add(call("KubernetesStatusResources.write: updateStatus of " + kind.kind(),
                    named(SPEAKER, namespace, kind.group(), kind.plural() + "/status", ANY, "update")));
        }
        return List.copyOf(calls);
    }

    /** Every permission any call needs. */
    static List<Access> all(String namespace) {
        return calls(namespace).stream().flatMap(c -> c.needs().stream()).distinct().toList();
    }

    /** Both processes read the configuration the same way: the legacy ConfigMap and every configuration type. */
    private static List<Call> configurationReads(String site, String account, String namespace) {
        List<Access> informers = new ArrayList<>();
        for (ResourceDefinitionContext type : ConfigResourceTypes.all()) {
            informers.addAll(named(account, namespace, type.getGroup(), type.getPlural(), ANY, "list", "watch"));
        }
        return List.of(
                call(site + ": legacy ConfigMap informer (withName, a metadata.name field selector)",
                        named(account, namespace, "", "configmaps", ConfigReader.LEGACY_NAME, "list", "watch")),
                call(site + ": one informer per ConfigResourceTypes.all()", informers));
    }

    private static Call call(String site, List<Access> needs) {
        return new Call(site, List.copyOf(needs));
    }

    private static List<Access> cluster(String account, String group, String resource, String... verbs) {
        return named(account, ANY, group, resource, ANY, verbs);
    }

    private static List<Access> named(String account, String namespace, String group, String resource, String name,
                                      String... verbs) {
        return java.util.Arrays.stream(verbs).map(v -> new Access(account, namespace, group, resource, name, v)).toList();
    }
}
