package io.barelb.distribution.manifest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.runtime.kube.ConfigResourceTypes;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.barelb.distribution.KubeObjects;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The build step on the real CRDs (META-INF/barelb/crds of lb-runtime, generated, and of the layer2 and bgp plugins,
 * shipped in their jars; all on the test class path).
 */
class ManifestAssemblerTest {

    private static final List<String> FILES = List.of("bfdprofiles", "bgpadvertisements", "bgppeers", "communities",
            "configurationstates", "ipaddresspools", "l2advertisements").stream().map(p -> p + ".barelb.io-v1.yml")
            .collect(java.util.stream.Collectors.collectingAndThen(java.util.stream.Collectors.toList(), files -> {
                // MetalLB's status kinds exist in metallb.io only (the layer2 and bgp plugins declare them)
                files.add("servicebgpstatuses.metallb.io-v1.yml");
                files.add("servicel2statuses.metallb.io-v1.yml");
                return List.copyOf(files);
            }));

    @TempDir
    Path folder;

    private List<Crd> crds() throws IOException {
        for (String file : FILES) {
            try (InputStream in = getClass().getResourceAsStream("/META-INF/barelb/crds/" + file)) {
                assertThat(in).as("the CRD " + file + " of lb-runtime or a built-in plugin").isNotNull();
                Files.writeString(folder.resolve(file), new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        Files.writeString(folder.resolve("README.txt"), "not a CRD, not read");
        return CrdFolder.read(folder);
    }

    @Test
    void theManifestIsTheCrdsThenTheHandWrittenObjects() throws IOException {
        String objects = Files.readString(KubeObjects.MANIFEST);
        List<HasMetadata> parsed = KubeObjects.parse(ManifestAssembler.barelbManifest(crds(), objects));
        assertThat(parsed).extracting(o -> o.getKind() + " " + o.getMetadata().getName()).startsWith(
                "CustomResourceDefinition bfdprofiles.barelb.io", "CustomResourceDefinition bgpadvertisements.barelb.io",
                "CustomResourceDefinition bgppeers.barelb.io", "CustomResourceDefinition communities.barelb.io",
                "CustomResourceDefinition configurationstates.barelb.io", "CustomResourceDefinition ipaddresspools.barelb.io",
                "CustomResourceDefinition l2advertisements.barelb.io", "Namespace metallb-system");
        assertThat(parsed.subList(FILES.size() - 2, parsed.size())).isEqualTo(KubeObjects.manifest());
    }

    @Test
    void metallbCopiesKeepTheSchemaAndServeEveryVersionTheRuntimeReads() throws IOException {
        List<Crd> crds = crds();
        List<HasMetadata> parsed = KubeObjects.parse(ManifestAssembler.metallbManifest(crds));
        assertThat(parsed).extracting(o -> o.getMetadata().getName())
                .as("ConfigurationState is written in barelb.io only").containsExactly("bfdprofiles.metallb.io",
                        "bgpadvertisements.metallb.io", "bgppeers.metallb.io", "communities.metallb.io",
                        "ipaddresspools.metallb.io", "l2advertisements.metallb.io", "servicebgpstatuses.metallb.io",
                        "servicel2statuses.metallb.io");
        CustomResourceDefinition peers = (CustomResourceDefinition) parsed.get(2);
        assertThat(peers.getSpec().getGroup()).isEqualTo("metallb.io");
        assertThat(peers.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getName)
                .containsExactly("v1beta1", "v1beta2");
        assertThat(peers.getSpec().getVersions()).extracting(CustomResourceDefinitionVersion::getStorage)
                .containsExactly(false, true);
        CustomResourceDefinition barelbPeers = (CustomResourceDefinition) KubeObjects.parse(crds.get(2).text()).get(0);
        for (CustomResourceDefinitionVersion version : peers.getSpec().getVersions()) {
            assertThat(version.getSchema()).isEqualTo(barelbPeers.getSpec().getVersions().get(0).getSchema());
            assertThat(version.getAdditionalPrinterColumns())
                    .isEqualTo(barelbPeers.getSpec().getVersions().get(0).getAdditionalPrinterColumns());
            assertThat(version.getServed()).isTrue();
        }
        assertThat(crds.get(2).group()).as("the barelb.io original is untouched").isEqualTo("barelb.io");
    }

    @Test
    void aMetallbKindWithoutACrdIsNamed() throws IOException {
        List<Crd> onlyPools = crds().stream().filter(c -> c.kind().equals("IPAddressPool")).toList();
        assertThatThrownBy(() -> MetallbCrds.from(onlyPools, ConfigResourceTypes.served()))
                .hasMessageContaining("the runtime reads [BFDProfile, BGPAdvertisement, BGPPeer, Community, L2Advertisement]")
                .hasMessageContaining("add its CRD");
    }

    @Test
    void aMissingEmptyOrForeignFolderIsNamedWithTheFix() throws IOException {
        assertThatThrownBy(() -> CrdFolder.read(folder.resolve("nope")))
                .hasMessageContaining("nope does not exist; set barelb.crds.dir");
        assertThatThrownBy(() -> CrdFolder.read(folder)).hasMessageContaining("holds no *.yml file");
        Files.writeString(folder.resolve("pod.yml"), "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n");
        assertThatThrownBy(() -> CrdFolder.read(folder))
                .hasMessageContaining("pod.yml is not a CustomResourceDefinition (kind: Pod)");
    }

    @Test
    void versionsOrderAsKubernetesPrioritisesThem() {
        assertThat(List.of("v1", "v1beta2", "v2alpha1", "v1beta1", "v1alpha1", "v2").stream()
                .sorted(MetallbCrds.BY_PRIORITY).toList())
                .containsExactly("v1alpha1", "v2alpha1", "v1beta1", "v1beta2", "v1", "v2");
    }

    @Test
    void theChartGetsTheCrdsAndIsPackagedByHelm() throws IOException {
        List<Crd> crds = crds();
        Path out = folder.resolve("out");
        Path chart = ChartAssembler.assemble(KubeObjects.CHART, crds, out);
        assertThat(chart.resolve("crds/ipaddresspools.barelb.io-v1.yml")).hasContent(crds.get(5).text());
        assertThat(out.resolve("barelb-0.1.0.tgz")).isRegularFile();
        Path again = ChartAssembler.assemble(KubeObjects.CHART, crds.subList(0, 1), out);
        assertThat(again.resolve("crds").toFile().list()).as("a second run leaves no stale CRD")
                .containsExactly("bfdprofiles.barelb.io-v1.yml");
    }
}
