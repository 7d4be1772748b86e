package io.barelb.distribution.manifest;

import io.barelb.runtime.kube.ConfigResourceTypes;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Build step of the distribution (run by exec-maven-plugin at {@code prepare-package}): writes
 * <ul>
 *   <li>{@code manifests/barelb.yaml}: every CRD of the CRD folder, then the hand-written objects
 *       ({@code src/main/manifests/barelb.yaml}), one file to apply as is;</li>
 *   <li>{@code manifests/metallb-crds.yaml}: the {@code metallb.io} copies ({@link MetallbCrds});</li>
 *   <li>{@code charts/barelb/} (the chart with the same CRDs in {@code crds/}) and its packaged {@code .tgz}.</li>
 * </ul>
 * The CRDs come from one place, the folder given first (the build property {@code barelb.crds.dir}), so no list
 * of CRDs is written by hand anywhere.
 */
public final class ManifestAssembler {

    private ManifestAssembler() {
    }

    /** Arguments: CRD folder, hand-written manifests folder, chart source folder, output folder. */
    public static void main(String[] args) throws IOException {
        if (args.length != 4) {
            throw new IllegalArgumentException("usage: ManifestAssembler CRD_DIR MANIFESTS_DIR CHART_DIR OUT_DIR");
        }
        Path crds = Path.of(args[0]);
        Path manifests = Path.of(args[1]);
        Path chart = Path.of(args[2]);
        Path out = Path.of(args[3]);
        List<Crd> definitions = CrdFolder.read(crds);
        writeManifests(definitions, Files.readString(manifests.resolve("barelb.yaml")), out.resolve("manifests"));
        ChartAssembler.assemble(chart, definitions, out.resolve("charts"));
    }

    /** Writes {@code barelb.yaml} and {@code metallb-crds.yaml} into {@code folder}. */
    static void writeManifests(List<Crd> definitions, String objects, Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.writeString(folder.resolve("barelb.yaml"), barelbManifest(definitions, objects));
        Files.writeString(folder.resolve("metallb-crds.yaml"), metallbManifest(definitions));
    }

    /** The CRDs, then the hand-written objects. */
    static String barelbManifest(List<Crd> definitions, String objects) {
        List<String> documents = new ArrayList<>();
        documents.add("# BareLB: `kubectl apply -f barelb.yaml` installs the CRDs, the metallb-system namespace, RBAC, the\n"
                + "# controller and the speaker. Written by the build from the CRD generator's output and\n"
                + "# distribution/src/main/manifests/barelb.yaml: edit those, not this file.\n"
                + YamlDocuments.join(definitions.stream().map(Crd::text).toList()));
        documents.add(objects);
        return YamlDocuments.join(documents);
    }

    /** The {@code metallb.io} CRDs, for clusters that use MetalLB's group without MetalLB installed. */
    static String metallbManifest(List<Crd> definitions) {
        List<String> documents = new ArrayList<>();
        for (var crd : MetallbCrds.from(definitions, ConfigResourceTypes.served())) {
            documents.add(YamlDocuments.write(crd));
        }
        return "# The metallb.io CRDs with BareLB's schemas, for clusters that use MetalLB's API group without MetalLB.\n"
                + "# A cluster that runs (or migrates from) MetalLB keeps MetalLB's own CRDs instead. Written by the build.\n"
                + YamlDocuments.join(documents);
    }
}
