package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The assembled distribution's manifests and chart: manifests/barelb.yaml holds every CRD of the CRD folder
 * (barelb.crds.dir) and then the hand-written objects, in an order {@code kubectl apply} accepts; metallb-crds.yaml
 * serves every metallb.io type the runtime reads; the chart carries the same CRDs and lints with Helm.
 */
class AssembledManifestsIT {

    private static Path distribution;
    private static Path crdFolder;

    @BeforeAll
    static void locate() {
        distribution = AssembledDistribution.home();
        crdFolder = Path.of(System.getProperty("barelb.crds.dir", "target/generated-crds/META-INF/barelb/crds"));
        assertThat(crdFolder).isDirectory();
    }

    private static Set<String> crdNamesInTheFolder() throws IOException {
        try (Stream<Path> files = Files.list(crdFolder)) {
            return files.filter(p -> p.toString().endsWith(".yml"))
                    .map(p -> p.getFileName().toString().replaceFirst("-v1\\.yml$", "")).collect(Collectors.toSet());
        }
    }

    @Test
    void barelbYamlIsEveryCrdOfTheFolderThenTheHandWrittenObjects() throws IOException {
        List<HasMetadata> objects = KubeObjects.parse(Files.readString(distribution.resolve("manifests/barelb.yaml")));
        List<HasMetadata> crds = objects.stream().filter(CustomResourceDefinition.class::isInstance).toList();
        assertThat(crds).extracting(c -> c.getMetadata().getName()).containsExactlyInAnyOrderElementsOf(
                crdNamesInTheFolder().stream().filter(n -> n.endsWith(".barelb.io")).toList())
                .isNotEmpty().allMatch(n -> n.endsWith(".barelb.io"));
        assertThat(objects.subList(0, crds.size())).as("the CRDs come first").isEqualTo(crds);
        assertThat(objects.subList(crds.size(), objects.size())).isEqualTo(KubeObjects.manifest());
        assertThat(objects.get(crds.size()).getKind()).as("the namespace precedes every namespaced object").isEqualTo("Namespace");
        assertThat(objects.subList(crds.size() + 1, objects.size())).filteredOn(o -> o instanceof Namespaced)
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace()).isEqualTo(KubeObjects.NAMESPACE));
    }

    @Test
    void metallbCrdsServeEveryMetallbTypeTheRuntimeReads() throws IOException {
        List<CustomResourceDefinition> crds = KubeObjects.parse(Files.readString(distribution.resolve("manifests/metallb-crds.yaml")))
                .stream().map(CustomResourceDefinition.class::cast).toList();
        Map<String, CustomResourceDefinition> byKind = crds.stream()
                .collect(Collectors.toMap(c -> c.getSpec().getNames().getKind(), c -> c));
        for (ResourceDefinitionContext type : ConfigResourceTypes.served()) {
            if (!type.getGroup().equals("metallb.io")) {
                continue;
            }
            CustomResourceDefinition crd = byKind.get(type.getKind());
            assertThat(crd).as(type.getKind()).isNotNull();
            assertThat(crd.getMetadata().getName()).isEqualTo(type.getPlural() + ".metallb.io");
            assertThat(crd.getSpec().getVersions()).as(type.getKind() + " " + type.getVersion())
                    .anySatisfy(v -> {
                        assertThat(v.getName()).isEqualTo(type.getVersion());
                        assertThat(v.getServed()).isTrue();
                    });
            assertThat(crd.getSpec().getVersions()).filteredOn(CustomResourceDefinitionVersion::getStorage).hasSize(1);
        }
        assertThat(crds).allSatisfy(c -> assertThat(c.getSpec().getGroup()).isEqualTo("metallb.io"));
    }

    @Test
    void theShippedChartHasTheSameCrdsAndLints() throws IOException {
        Path chart = distribution.resolve("charts/barelb");
        try (Stream<Path> files = Files.list(chart.resolve("crds"))) {
            assertThat(files.map(p -> p.getFileName().toString().replaceFirst("-v1\\.yml$", "")).collect(Collectors.toSet()))
                    .isEqualTo(crdNamesInTheFolder());
        }
        for (Path crd : Files.list(crdFolder).toList()) {
            assertThat(chart.resolve("crds").resolve(crd.getFileName())).hasSameTextualContentAs(crd);
        }
        LintResult lint = new Helm(chart).lint().strict().call();
        assertThat(lint.isFailed()).as(String.join("\n", lint.getMessages())).isFalse();
        assertThat(distribution.resolve("charts/barelb-0.1.0.tgz")).isRegularFile();
        LintResult packaged = new Helm(distribution.resolve("charts/barelb-0.1.0.tgz")).lint().call();
        assertThat(packaged.isFailed()).as(String.join("\n", packaged.getMessages())).isFalse();
    }
}
