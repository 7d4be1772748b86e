package io.barelb.distribution.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The least-privilege rules for BareLB's RBAC objects; each check returns what breaks it (empty: it holds).
 * Applied to manifests/barelb.yaml and to the chart's rendering by {@code RbacTest}, and proven to bite by
 * {@code RbacRulesBiteTest}.
 */
final class RbacRules {

    private static final Set<String> WRITE_VERBS = Set.of("create", "update", "patch", "delete", "deletecollection",
            "escalate", "bind", "impersonate");
    private static final Set<String> OUR_GROUPS = Set.of("barelb.io", "metallb.io");

    private RbacRules() {
    }

    /** No {@code *} in any group, resource, name or verb, and no non-resource URL. */
    static List<String> noWildcard(List<HasMetadata> objects) {
        List<String> broken = new ArrayList<>();
        for (Grants.NamedRule named : Grants.rules(objects)) {
            PolicyRule rule = named.rule();
            boolean wildcard = Stream.of(rule.getApiGroups(), rule.getResources(), rule.getVerbs(), rule.getResourceNames())
                    .filter(java.util.Objects::nonNull).flatMap(List::stream).anyMatch(s -> s.contains("*"));
            if (wildcard || (rule.getNonResourceURLs() != null && !rule.getNonResourceURLs().isEmpty())) {
                broken.add("wildcard or non-resource URL in " + named);
            }
        }
        return broken;
    }

    /** Secrets appear only in Roles of the configuration namespace, never in a ClusterRole. */
    static List<String> secretsOnlyIn(String configNamespace, List<HasMetadata> objects) {
        List<String> broken = new ArrayList<>();
        for (Grants.NamedRule named : Grants.rules(objects)) {
            boolean secrets = named.rule().getResources().stream().anyMatch(r -> r.equals("secrets") || r.startsWith("secrets/"));
            if (secrets && (named.namespace() == null || !named.namespace().equals(configNamespace))) {
                broken.add("secrets outside a Role of " + configNamespace + ": " + named);
            }
        }
        return broken;
    }

    /**
     * The controller writes only Service status, the Service's allocated-pool annotation (a patch: RBAC cannot
     * narrow it to the annotation), Events, its Lease and the status of our CRs (and creates the
     * ConfigurationState it keeps); the speaker writes only Events and its status resources.
     */
    static List<String> writesOnlyWhatTheRoleMay(Set<Access> grants) {
        List<String> broken = new ArrayList<>();
        for (Access grant : grants) {
            if (!WRITE_VERBS.contains(grant.verb()) || mayWrite(grant)) {
                continue;
            }
            broken.add("write not allowed for its role: " + grant);
        }
        return broken;
    }

    private static boolean mayWrite(Access grant) {
        boolean events = grant.group().isEmpty() && grant.resource().equals("events")
                && Set.of("create", "patch").contains(grant.verb());
        boolean ourStatus = OUR_GROUPS.contains(grant.group()) && grant.resource().endsWith("/status")
                && grant.verb().equals("update");
        return switch (grant.account()) {
            case RequiredAccess.CONTROLLER -> events || ourStatus
                    || grant.group().isEmpty() && grant.resource().equals("services/status") && grant.verb().equals("update")
                    || grant.group().isEmpty() && grant.resource().equals("services") && grant.verb().equals("patch")
                    || grant.group().equals("coordination.k8s.io") && grant.resource().equals("leases")
                    && Set.of("create", "patch").contains(grant.verb())
                    || grant.group().equals("barelb.io") && grant.resource().equals("configurationstates")
                    && grant.verb().equals("create");
            // status resources: objects whose kind exists to carry a status (servicel2statuses, ...)
            case RequiredAccess.SPEAKER -> events || ourStatus
                    || OUR_GROUPS.contains(grant.group()) && grant.resource().endsWith("statuses");
            default -> false;
        };
    }

    /** Every permission the code needs is granted. */
    static List<String> missing(List<Access> required, Set<Access> grants) {
        return required.stream().filter(r -> grants.stream().noneMatch(g -> g.covers(r)))
                .map(r -> "not granted: " + r).toList();
    }

    /** Every grant is needed by a call: no permission is left that the code does not use. */
    static List<String> unused(List<Access> required, Set<Access> grants) {
        return grants.stream().filter(g -> !required.contains(g)).map(g -> "granted but never used: " + g).toList();
    }
}
