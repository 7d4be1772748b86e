package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cluster manifests parse as Kubernetes objects and ask for exactly the rights the processes use. */
class ManifestsTest {

    private static List<HasMetadata> objects;

    @BeforeAll
    static void parse() throws Exception {
        try (InputStream in = Files.newInputStream(Path.of("src/main/manifests/barelb.yaml"))) {
            Object parsed = new KubernetesSerialization().unmarshal(in);
            // several documents come back as a list
            objects = ((List<?>) parsed).stream().map(HasMetadata.class::cast).toList();
        }
    }

    private static <T extends HasMetadata> T one(Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void theSpeakerRunsOnTheHostNetworkWithOnlyItsAnnouncersCapabilitiesAndKnowsItsNode() {
        DaemonSet speaker = one(DaemonSet.class, "barelb-speaker");
        assertThat(speaker.getSpec().getTemplate().getSpec().getHostNetwork()).isTrue();
        Container container = speaker.getSpec().getTemplate().getSpec().getContainers().get(0);
        assertThat(container.getArgs()).startsWith("speaker");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_RAW", "NET_BIND_SERVICE");
        assertThat(container.getSecurityContext().getPrivileged()).isFalse();
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getEnv()).anySatisfy(env -> {
            assertThat(env.getName()).isEqualTo("NODE_NAME");
            assertThat(env.getValueFrom().getFieldRef().getFieldPath()).isEqualTo("spec.nodeName");
        });
    }

    @Test
    void everyFieldIsOneKubernetesKnows() {
        assertThat(UnknownFields.in(objects)).isEmpty();
        assertThat(UnknownFields.in(KubeObjects.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: typo}
                spec:
                  containers:
                  - {name: c, image: i, readinesProbe: {httpGet: {path: /readyz, port: 1}}}
                """))).as("a misspelt field is found").containsExactly("Pod/typo:.spec.containers[0] readinesProbe");
    }

    @Test
    void bothProcessesProbeHealthzAndReadyzOnTheMetricsPortAndAskForResources() {
        List<Container> containers = List.of(
                one(Deployment.class, "barelb-controller").getSpec().getTemplate().getSpec().getContainers().get(0),
                one(DaemonSet.class, "barelb-speaker").getSpec().getTemplate().getSpec().getContainers().get(0));
        for (Container container : containers) {
            assertThat(container.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat(p.getContainerPort()).as("PrometheusMetrics serves /metrics, /healthz, /readyz here").isEqualTo(7472);
            });
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
            assertThat(container.getResources().getRequests()).containsKeys("cpu", "memory");
            assertThat(container.getResources().getLimits()).containsKey("memory");
            assertThat(container.getSecurityContext().getAllowPrivilegeEscalation()).isFalse();
            assertThat(container.getSecurityContext().getReadOnlyRootFilesystem()).isTrue();
            assertThat(container.getSecurityContext().getPrivileged()).isNotEqualTo(Boolean.TRUE);
        }
        assertThat(one(Deployment.class, "barelb-controller").getSpec().getTemplate().getSpec().getSecurityContext()
                .getRunAsNonRoot()).isTrue();
    }

    /** docs/security.md: the controller would pass the Restricted Pod Security level; the speaker needs the host network. */
    @Test
    void theControllerMeetsPodSecurityRestrictedAndBothUseTheRuntimeDefaultSeccompProfile() {
        var controller = one(Deployment.class, "barelb-controller").getSpec().getTemplate().getSpec();
        assertThat(controller.getHostNetwork()).isNotEqualTo(Boolean.TRUE);
        assertThat(controller.getSecurityContext().getRunAsUser()).isEqualTo(65534L);
        assertThat(controller.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(controller.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).as(v.getName()).isNotNull());
        Container container = controller.getContainers().get(0);
        assertThat(container.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(container.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        var speaker = one(DaemonSet.class, "barelb-speaker").getSpec().getTemplate().getSpec();
        assertThat(speaker.getSecurityContext().getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
        assertThat(speaker.getVolumes()).allSatisfy(v -> assertThat(v.getEmptyDir()).as(v.getName()).isNotNull());
        assertThat(speaker.getHostPID()).isNotEqualTo(Boolean.TRUE);
        assertThat(speaker.getHostIPC()).isNotEqualTo(Boolean.TRUE);
    }

    @Test
    void theControllerHasTwoReplicasAndMayWriteServiceStatusAndOnlyPatchServices() {
        Deployment controller = one(Deployment.class, "barelb-controller");
        assertThat(controller.getSpec().getReplicas()).isEqualTo(2);
        assertThat(controller.getSpec().getTemplate().getSpec().getContainers().get(0).getArgs()).startsWith("controller");
        ClusterRole role = one(ClusterRole.class, "barelb-controller");
        assertThat(role.getRules()).anySatisfy(rule -> {
            assertThat(rule.getResources()).containsExactly("services/status");
            assertThat(rule.getVerbs()).contains("update");
        });
        // patch is the allocated-pool annotation; the spec is never replaced, no Service created or deleted
        assertThat(role.getRules()).noneSatisfy(rule -> {
            assertThat(rule.getResources()).contains("services");
            assertThat(rule.getVerbs()).containsAnyOf("update", "delete", "create");
        });
    }

    @Test
    void onlyTheSpeakerReadsSecretsAndOnlyByNameInTheConfigurationNamespace() {
        List<PolicyRule> secretRules = objects.stream()
                .flatMap(o -> o instanceof Role r ? r.getRules().stream()
                        : o instanceof ClusterRole c ? c.getRules().stream() : java.util.stream.Stream.empty())
                .filter(rule -> rule.getResources().contains("secrets")).toList();
        assertThat(secretRules).singleElement().satisfies(rule -> assertThat(rule.getVerbs()).containsExactly("get"));
        Role speaker = one(Role.class, "barelb-speaker");
        assertThat(speaker.getMetadata().getNamespace()).isEqualTo("metallb-system");
        assertThat(speaker.getRules()).contains(secretRules.get(0));
        for (String status : List.of("servicel2statuses/status", "servicebgpstatuses/status")) {
            assertThat(speaker.getRules()).anySatisfy(rule -> {
                assertThat(rule.getApiGroups()).containsExactly("metallb.io");
                assertThat(rule.getResources()).containsExactly(status);
            });
        }
        RoleBinding binding = one(RoleBinding.class, "barelb-speaker");
        assertThat(binding.getRoleRef().getName()).isEqualTo("barelb-speaker");
        assertThat(binding.getSubjects()).extracting(s -> s.getName()).containsExactly("barelb-speaker");
    }
}
