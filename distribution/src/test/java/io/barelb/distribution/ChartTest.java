package io.barelb.distribution;

import static io.barelb.distribution.KubeObjects.NAMESPACE;
import static io.barelb.distribution.KubeObjects.one;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The chart, checked by Helm itself (helm-java embeds Helm's library): it lints, and with its defaults it
 * renders the same objects as manifests/barelb.yaml (names, RBAC, pod templates: args, env, probes, security,
 * resources); its values change what they say and nothing else.
 */
class ChartTest {

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    @TempDir
    Path work;

    @Test
    void lintsCleanWithHelmStrict() {
        LintResult result = new Helm(KubeObjects.CHART).lint().strict().call();
        assertThat(result.isFailed()).as(String.join("\n", result.getMessages())).isFalse();
    }

    @Test
    void lintFailsOnABrokenTemplate() throws IOException {
        Path copy = work.resolve("barelb");
        try (Stream<Path> paths = Files.walk(KubeObjects.CHART)) {
            for (Path path : paths.toList()) {
                Path target = copy.resolve(KubeObjects.CHART.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target);
                }
            }
        }
        Files.writeString(copy.resolve("templates/broken.yaml"), "kind: {{ .Values.missing.field }\n");
        assertThat(new Helm(copy).lint().strict().call().isFailed()).isTrue();
    }

    @Test
    void rendersTheManifestsObjectsByKindAndName() {
        Set<String> manifest = names(KubeObjects.manifest());
        assertThat(names(KubeObjects.chart(NAMESPACE, Map.of())))
                .as("the namespace is the release's, made by helm --create-namespace or by namespace.create")
                .isEqualTo(manifest.stream().filter(n -> !n.startsWith("Namespace ")).collect(Collectors.toSet()));
        assertThat(names(KubeObjects.chart(NAMESPACE, Map.of("namespace.create", "true")))).isEqualTo(manifest);
        Namespace namespace = one(KubeObjects.chart(NAMESPACE, Map.of("namespace.create", "true")), Namespace.class, NAMESPACE);
        assertThat(namespace.getMetadata().getLabels()).containsEntry("pod-security.kubernetes.io/enforce", "privileged");
    }

    @Test
    void everyRenderedFieldIsOneKubernetesKnows() {
        assertThat(UnknownFields.in(KubeObjects.chart(NAMESPACE, Map.of("namespace.create", "true",
                "announcers.bgp.enabled", "true", "metrics.serviceMonitor.enabled", "true")))).isEmpty();
    }

    @Test
    void rendersTheSameRbacAsTheManifest() {
        List<HasMetadata> manifest = KubeObjects.manifest();
        List<HasMetadata> chart = KubeObjects.chart(NAMESPACE, Map.of());
        for (String name : List.of("barelb-controller", "barelb-speaker")) {
            assertThat(one(chart, ClusterRole.class, name).getRules()).as(name)
                    .isEqualTo(one(manifest, ClusterRole.class, name).getRules());
            assertThat(one(chart, Role.class, name).getRules()).as(name).isEqualTo(one(manifest, Role.class, name).getRules());
            ClusterRoleBinding clusterBinding = one(chart, ClusterRoleBinding.class, name);
            assertThat(clusterBinding.getRoleRef()).isEqualTo(one(manifest, ClusterRoleBinding.class, name).getRoleRef());
            assertThat(clusterBinding.getSubjects()).isEqualTo(one(manifest, ClusterRoleBinding.class, name).getSubjects());
            RoleBinding binding = one(chart, RoleBinding.class, name);
            assertThat(binding.getRoleRef()).isEqualTo(one(manifest, RoleBinding.class, name).getRoleRef());
            assertThat(binding.getSubjects()).isEqualTo(one(manifest, RoleBinding.class, name).getSubjects());
        }
    }

    @Test
    void rendersTheSamePodsAsTheManifest() {
        List<HasMetadata> manifest = KubeObjects.manifest();
        List<HasMetadata> chart = KubeObjects.chart(NAMESPACE, Map.of());
        Deployment controller = one(chart, Deployment.class, "barelb-controller");
        Deployment expectedController = one(manifest, Deployment.class, "barelb-controller");
        assertThat(controller.getSpec().getReplicas()).isEqualTo(expectedController.getSpec().getReplicas()).isEqualTo(2);
        assertThat(controller.getSpec().getSelector()).isEqualTo(expectedController.getSpec().getSelector());
        assertThat(withoutPullPolicy(controller.getSpec().getTemplate())).isEqualTo(expectedController.getSpec().getTemplate());
        DaemonSet speaker = one(chart, DaemonSet.class, "barelb-speaker");
        DaemonSet expectedSpeaker = one(manifest, DaemonSet.class, "barelb-speaker");
        assertThat(speaker.getSpec().getSelector()).isEqualTo(expectedSpeaker.getSpec().getSelector());
        assertThat(withoutPullPolicy(speaker.getSpec().getTemplate())).isEqualTo(expectedSpeaker.getSpec().getTemplate());
    }

    @Test
    void theProbesUseHealthzAndReadyzOnTheMetricsPort() {
        for (Container container : containers(KubeObjects.chart(NAMESPACE, Map.of("metrics.port", "9100")))) {
            assertThat(container.getLivenessProbe().getHttpGet().getPath()).isEqualTo("/healthz");
            assertThat(container.getReadinessProbe().getHttpGet().getPath()).isEqualTo("/readyz");
            assertThat(container.getLivenessProbe().getHttpGet().getPort().getStrVal()).isEqualTo("metrics");
            assertThat(container.getPorts()).anySatisfy(p -> {
                assertThat(p.getName()).isEqualTo("metrics");
                assertThat(p.getContainerPort()).isEqualTo(9100);
            });
            assertThat(container.getArgs()).containsSequence("--metrics-port", "9100");
        }
    }

    @Test
    void eachAnnouncerAddsOnlyItsCapability() {
        Container bgpOnly = speaker(KubeObjects.chart(NAMESPACE,
                Map.of("announcers.layer2.enabled", "false", "announcers.bgp.enabled", "true")));
        assertThat(bgpOnly.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_BIND_SERVICE");
        assertThat(bgpOnly.getPorts()).extracting(p -> p.getName()).containsExactly("metrics");
        Container layer2Only = speaker(KubeObjects.chart(NAMESPACE, Map.of("announcers.bgp.enabled", "false")));
        assertThat(layer2Only.getSecurityContext().getCapabilities().getAdd()).containsExactly("NET_RAW");
        Container both = speaker(KubeObjects.chart(NAMESPACE, Map.of()));
        assertThat(both.getSecurityContext().getCapabilities().getAdd()).as("both announcers by default")
                .containsExactly("NET_RAW", "NET_BIND_SERVICE");
        Container none = speaker(KubeObjects.chart(NAMESPACE,
                Map.of("announcers.layer2.enabled", "false", "announcers.bgp.enabled", "false")));
        assertThat(none.getSecurityContext().getCapabilities().getAdd()).isNullOrEmpty();
        assertThat(none.getSecurityContext().getCapabilities().getDrop()).containsExactly("ALL");
        assertThat(none.getSecurityContext().getPrivileged()).isFalse();
    }

    @Test
    void poolsBecomeIpAddressPoolsAndL2Advertisements() {
        List<HasMetadata> objects = KubeObjects.chart("lb-system", """
                pools:
                - name: default
                  addresses: [192.0.2.10-192.0.2.20, 2001:db8::/120]
                  l2Advertisement: true
                - name: reserved
                  addresses: [198.51.100.0/28]
                  autoAssign: false
                """);
        GenericKubernetesResource pool = one(objects, GenericKubernetesResource.class, "default");
        assertThat(pool.getApiVersion()).isEqualTo("barelb.io/v1beta1");
        assertThat(pool.getKind()).isEqualTo("IPAddressPool");
        assertThat(pool.getMetadata().getNamespace()).isEqualTo("lb-system");
        assertThat(spec(pool)).containsEntry("addresses", List.of("192.0.2.10-192.0.2.20", "2001:db8::/120"))
                .containsEntry("autoAssign", true).containsEntry("avoidBuggyIPs", false);
        List<GenericKubernetesResource> generic = objects.stream().filter(GenericKubernetesResource.class::isInstance)
                .map(GenericKubernetesResource.class::cast).toList();
        assertThat(generic).extracting(r -> r.getKind() + " " + r.getMetadata().getName())
                .containsExactlyInAnyOrder("IPAddressPool default", "L2Advertisement default", "IPAddressPool reserved");
        assertThat(generic).filteredOn(r -> r.getKind().equals("L2Advertisement")).singleElement()
                .satisfies(l2 -> assertThat(spec(l2)).containsEntry("ipAddressPools", List.of("default")));
        assertThat(generic).filteredOn(r -> r.getMetadata().getName().equals("reserved")).singleElement()
                .satisfies(reserved -> assertThat(spec(reserved)).containsEntry("autoAssign", false));
    }

    @Test
    void thePoolOfTheInstallGuideRendersFromSetFlags() {
        List<HasMetadata> objects = KubeObjects.chart(NAMESPACE, Map.of("pools[0].name", "default",
                "pools[0].addresses[0]", "192.0.2.10-192.0.2.20", "pools[0].l2Advertisement", "true"));
        assertThat(spec(one(objects, GenericKubernetesResource.class, "default")))
                .containsEntry("addresses", List.of("192.0.2.10-192.0.2.20"));
        assertThat(objects).filteredOn(o -> o.getKind().equals("L2Advertisement")).hasSize(1);
    }

    @Test
    void aPoolWithoutAddressesIsRefusedWithTheFix() {
        assertThatThrownBy(() -> KubeObjects.chart(NAMESPACE, "pools:\n- name: empty\n"))
                .hasMessageContaining("pools[empty].addresses: give at least one CIDR or first-last range");
    }

    @Test
    void theServiceMonitorSelectsEachComponentsMetricsPort() {
        List<HasMetadata> objects = KubeObjects.chart(NAMESPACE, """
                metrics:
                  serviceMonitor: {enabled: true, labels: {release: prometheus}}
                """);
        for (String component : List.of("controller", "speaker")) {
            GenericKubernetesResource monitor = one(objects, GenericKubernetesResource.class, "barelb-" + component);
            assertThat(monitor.getKind()).isEqualTo("ServiceMonitor");
            assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "prometheus");
            io.fabric8.kubernetes.api.model.Service service =
                    one(objects, io.fabric8.kubernetes.api.model.Service.class, "barelb-" + component + "-metrics");
            assertThat(service.getSpec().getSelector())
                    .isEqualTo(Map.of("app.kubernetes.io/name", "barelb", "app.kubernetes.io/component", component));
            assertThat(service.getSpec().getPorts().get(0).getTargetPort().getStrVal()).isEqualTo("metrics");
            assertThat(monitor.getAdditionalProperties().toString()).contains("port=metrics", "path=/metrics");
        }
        assertThat(names(KubeObjects.chart(NAMESPACE, Map.of()))).noneMatch(n -> n.startsWith("ServiceMonitor "));
    }

    @Test
    void imageSchedulingResourcesAndClassComeFromValues() {
        List<HasMetadata> objects = KubeObjects.chart(NAMESPACE, """
                image: {repository: registry.example/barelb, tag: "9.9.9"}
                loadBalancerClass: barelb.io/lb
                speaker:
                  nodeSelector: {kubernetes.io/os: linux}
                  tolerations: [{key: dedicated, operator: Exists}]
                  resources: {requests: {cpu: 10m, memory: 64Mi}, limits: {memory: 100Mi}}
                """);
        Container speaker = speaker(objects);
        assertThat(speaker.getImage()).isEqualTo("registry.example/barelb:9.9.9");
        assertThat(speaker.getArgs()).containsExactly("speaker", "--namespace", NAMESPACE, "--lb-class", "barelb.io/lb");
        assertThat(speaker.getResources().getLimits().get("memory").toString()).isEqualTo("100Mi");
        var pod = one(objects, DaemonSet.class, "barelb-speaker").getSpec().getTemplate().getSpec();
        assertThat(pod.getNodeSelector()).isEqualTo(Map.of("kubernetes.io/os", "linux"));
        assertThat(pod.getTolerations()).extracting(t -> t.getKey()).containsExactly("dedicated");
        assertThat(containers(objects).get(0).getArgs()).containsExactly("controller", "--namespace", NAMESPACE,
                "--lb-class", "barelb.io/lb");
    }

    private static Set<String> names(List<HasMetadata> objects) {
        return objects.stream().map(o -> o.getKind() + " " + o.getMetadata().getName()).collect(Collectors.toSet());
    }

    private static PodTemplateSpec withoutPullPolicy(PodTemplateSpec template) {
        PodTemplateSpec copy = SERIALIZATION.clone(template);
        copy.getSpec().getContainers().forEach(c -> {
            assertThat(c.getImagePullPolicy()).isEqualTo("IfNotPresent");
            c.setImagePullPolicy(null);
        });
        return copy;
    }

    private static List<Container> containers(List<HasMetadata> objects) {
        return List.of(one(objects, Deployment.class, "barelb-controller").getSpec().getTemplate().getSpec().getContainers().get(0),
                speaker(objects));
    }

    private static Container speaker(List<HasMetadata> objects) {
        return one(objects, DaemonSet.class, "barelb-speaker").getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> spec(GenericKubernetesResource resource) {
        return (Map<String, Object>) resource.getAdditionalProperties().get("spec");
    }
}
