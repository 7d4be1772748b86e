package io.barelb.distribution.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.distribution.KubeObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Each RBAC rule fails on objects that break it, so RbacTest passing means something. */
class RbacRulesBiteTest {

    private static List<HasMetadata> withExtra(String yaml) {
        List<HasMetadata> objects = new ArrayList<>(KubeObjects.manifest());
        objects.addAll(KubeObjects.parse(yaml));
        return objects;
    }

    private static final String CLUSTER_ROLE = """
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRole
            metadata: {name: extra}
            rules:
            - apiGroups: [%s]
              resources: [%s]
              verbs: [%s]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: ClusterRoleBinding
            metadata: {name: extra}
            roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: extra}
            subjects:
            - {kind: ServiceAccount, name: %s, namespace: metallb-system}
            """;

    @Test
    void aWildcardIsFound() {
        List<HasMetadata> objects = withExtra(CLUSTER_ROLE.formatted("\"\"", "pods", "\"*\"", "barelb-speaker"));
        assertThat(RbacRules.noWildcard(objects)).singleElement().asString().contains("ClusterRole extra");
    }

    @Test
    void secretsInAClusterRoleOrAnotherNamespaceAreFound() {
        List<HasMetadata> cluster = withExtra(CLUSTER_ROLE.formatted("\"\"", "secrets", "get", "barelb-speaker"));
        assertThat(RbacRules.secretsOnlyIn("metallb-system", cluster)).hasSize(1);
        List<HasMetadata> elsewhere = withExtra("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: extra, namespace: default}
                rules:
                - {apiGroups: [""], resources: [secrets], verbs: [get]}
                """);
        assertThat(RbacRules.secretsOnlyIn("metallb-system", elsewhere)).hasSize(1);
        List<HasMetadata> inPlace = withExtra("""
                apiVersion: rbac.authorization.k8s.io/v1
                kind: Role
                metadata: {name: extra, namespace: metallb-system}
                rules:
                - {apiGroups: [""], resources: [secrets], verbs: [get]}
                """);
        assertThat(RbacRules.secretsOnlyIn("metallb-system", inPlace)).isEmpty();
    }

    @Test
    void aWriteOutsideTheRoleIsFound() {
        Set<Access> controller = Grants.of(withExtra(CLUSTER_ROLE.formatted("\"\"", "services", "update", "barelb-controller")));
        assertThat(RbacRules.writesOnlyWhatTheRoleMay(controller)).singleElement().asString()
                .contains("barelb-controller update services (cluster-wide)");
        Set<Access> speaker = Grants.of(withExtra(CLUSTER_ROLE.formatted("\"\"", "services/status", "update", "barelb-speaker")));
        assertThat(RbacRules.writesOnlyWhatTheRoleMay(speaker)).singleElement().asString().contains("barelb-speaker");
        Set<Access> l2status = Grants.of(withExtra(CLUSTER_ROLE.formatted("metallb.io", "servicel2statuses", "create",
                "barelb-speaker")));
        assertThat(RbacRules.writesOnlyWhatTheRoleMay(l2status)).as("the speaker may write its status resources").isEmpty();
    }

    @Test
    void aMissingAndAnUnusedGrantAreFound() {
        List<Access> required = RequiredAccess.all("metallb-system");
        Set<Access> grants = new java.util.LinkedHashSet<>(Grants.of(KubeObjects.manifest()));
        Access lease = new Access(RequiredAccess.CONTROLLER, "metallb-system", "coordination.k8s.io", "leases",
                "barelb-controller", "patch");
        assertThat(grants.remove(lease)).isTrue();
        assertThat(RbacRules.missing(required, grants)).containsExactly("not granted: " + lease);

        Set<Access> more = Grants.of(withExtra(CLUSTER_ROLE.formatted("\"\"", "pods", "list", "barelb-speaker")));
        assertThat(RbacRules.unused(required, more)).containsExactly("granted but never used: barelb-speaker list pods (cluster-wide)");
    }

    @Test
    void aGrantInOneNamespaceDoesNotCoverAClusterWideNeed() {
        Access needed = new Access(RequiredAccess.SPEAKER, Access.ANY, "", "events", Access.ANY, "create");
        Access granted = new Access(RequiredAccess.SPEAKER, "metallb-system", "", "events", Access.ANY, "create");
        Access onlyOne = new Access(RequiredAccess.SPEAKER, Access.ANY, "", "events", "one", "create");
        assertThat(granted.covers(needed)).isFalse();
        assertThat(onlyOne.covers(needed)).isFalse();
        assertThat(new Access(RequiredAccess.SPEAKER, Access.ANY, "", "events", Access.ANY, "create").covers(needed)).isTrue();
    }
}
