package io.barelb.distribution.rbac;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleRef;
import io.fabric8.kubernetes.api.model.rbac.Subject;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * What a set of Kubernetes objects grants each ServiceAccount: every binding followed to its role, every rule
 * expanded to single {@link Access}es (group × resource × name × verb). A ClusterRoleBinding grants in every
 * namespace, a RoleBinding in its own.
 */
final class Grants {

    private Grants() {
    }

    /**
     * @throws IllegalArgumentException naming the binding when its role is not among {@code objects}
     */
    static Set<Access> of(List<HasMetadata> objects) {
        Set<Access> grants = new LinkedHashSet<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRoleBinding binding) {
                grant(grants, rules(objects, binding.getRoleRef(), null, binding), binding.getSubjects(), Access.ANY);
            } else if (object instanceof RoleBinding binding) {
                String namespace = binding.getMetadata().getNamespace();
                grant(grants, rules(objects, binding.getRoleRef(), namespace, binding), binding.getSubjects(), namespace);
            }
        }
        return grants;
    }

    /** Every rule of every ClusterRole and Role, with the role's kind, name and namespace. */
    static List<NamedRule> rules(List<HasMetadata> objects) {
        List<NamedRule> rules = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (object instanceof ClusterRole role) {
                role.getRules().forEach(r -> rules.add(new NamedRule("ClusterRole", role.getMetadata().getName(), null, r)));
            } else if (object instanceof Role role) {
                role.getRules().forEach(r -> rules.add(new NamedRule("Role", role.getMetadata().getName(),
                        role.getMetadata().getNamespace(), r)));
            }
        }
        return rules;
    }

    /** A rule and the role it belongs to ({@code namespace} null for a ClusterRole). */
    record NamedRule(String kind, String role, String namespace, PolicyRule rule) {
        @Override
        public String toString() {
            return kind + " " + (namespace == null ? "" : namespace + "/") + role + " " + rule.getApiGroups() + " "
                    + rule.getResources() + " " + Optional.ofNullable(rule.getResourceNames()).orElse(List.of()) + " "
                    + rule.getVerbs();
        }
    }

    private static List<PolicyRule> rules(List<HasMetadata> objects, RoleRef ref, String namespace, HasMetadata binding) {
        for (HasMetadata object : objects) {
            boolean named = object.getMetadata().getName().equals(ref.getName());
            if (named && ref.getKind().equals("ClusterRole") && object instanceof ClusterRole role) {
                return role.getRules();
            }
            if (named && ref.getKind().equals("Role") && object instanceof Role role
                    && role.getMetadata().getNamespace().equals(namespace)) {
                return role.getRules();
            }
        }
        throw new IllegalArgumentException(binding.getKind() + " " + binding.getMetadata().getName() + " refers to "
                + ref.getKind() + " " + ref.getName() + ", which is not among the objects");
    }

    private static void grant(Set<Access> grants, List<PolicyRule> rules, List<Subject> subjects, String namespace) {
        for (Subject subject : subjects) {
            if (!subject.getKind().equals("ServiceAccount")) {
                continue;
            }
            for (PolicyRule rule : rules) {
                List<String> names = rule.getResourceNames() == null || rule.getResourceNames().isEmpty()
                        ? List.of(Access.ANY) : rule.getResourceNames();
                for (String group : rule.getApiGroups()) {
                    for (String resource : rule.getResources()) {
                        for (String name : names) {
                            for (String verb : rule.getVerbs()) {
                                grants.add(new Access(subject.getName(), namespace, group, resource, name, verb));
                            }
                        }
                    }
                }
            }
        }
    }
}
