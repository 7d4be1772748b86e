package io.barelb.distribution.manifest;

import com.marcnuri.helm.Helm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Copies the chart's source ({@code charts/barelb}) and puts the CRDs into its {@code crds/} folder (Helm
 * installs those before the templates and never templates them), then packages it with Helm itself.
 */
final class ChartAssembler {

    private ChartAssembler() {
    }

    /**
     * @param source      the chart's source folder (no {@code crds/})
     * @param definitions the CRDs
     * @param out         where {@code barelb/} and {@code barelb-VERSION.tgz} are written
     * @return the assembled chart folder
     */
    static Path assemble(Path source, List<Crd> definitions, Path out) throws IOException {
        Path chart = out.resolve(source.getFileName());
        delete(chart);
        copy(source, chart);
        Path crds = Files.createDirectories(chart.resolve("crds"));
        for (Crd crd : definitions) {
            Files.writeString(crds.resolve(crd.file()), crd.text());
        }
        new Helm(chart).packageIt().withDestination(out).call();
        return chart;
    }

    private static void delete(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    private static void copy(Path from, Path to) throws IOException {
        if (!Files.isRegularFile(from.resolve("Chart.yaml"))) {
            throw new IllegalStateException(from + " holds no Chart.yaml; pass the chart's source folder (charts/barelb)");
        }
        if (Files.exists(from.resolve("crds"))) {
            throw new IllegalStateException(from.resolve("crds") + " exists in the chart's source; the build writes the"
                    + " CRDs there from the CRD folder, so delete it");
        }
        try (Stream<Path> paths = Files.walk(from)) {
            for (Path path : paths.toList()) {
                Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(path, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }
}
