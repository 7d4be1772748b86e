package io.barelb.distribution.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import tools.jackson.core.JacksonException;

/**
 * Reads the CRD folder (the build property {@code barelb.crds.dir}): every {@code *.yml} and {@code *.yaml} file,
 * in name order, each one CustomResourceDefinition.
 */
final class CrdFolder {

    private CrdFolder() {
    }

    /**
     * @throws IllegalStateException naming the folder or file when the folder is missing or empty, or a file is
     *                               not one CustomResourceDefinition
     */
    static List<Crd> read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw new IllegalStateException("CRD folder " + folder + " does not exist; set barelb.crds.dir to the"
                    + " folder the build unpacks from the jars that own the kinds (META-INF/barelb/crds of lb-runtime and the built-in plugins)");
        }
        List<Path> files;
        try (Stream<Path> listed = Files.list(folder)) {
            files = listed.filter(p -> p.toString().endsWith(".yml") || p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list the CRD folder " + folder, e);
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("CRD folder " + folder + " holds no *.yml file; is barelb.crds.dir right?");
        }
        List<Crd> crds = new ArrayList<>();
        for (Path file : files) {
            crds.add(read(file, text(file)));
        }
        return List.copyOf(crds);
    }

    static Crd read(Path file, String text) {
        Map<String, Object> tree;
        try {
            tree = YamlDocuments.parse(text);
        } catch (JacksonException e) {
            throw new IllegalStateException(file + " is not YAML: " + e.getOriginalMessage(), e);
        }
        if (tree == null || !"CustomResourceDefinition".equals(tree.get("kind"))) {
            throw new IllegalStateException(file + " is not a CustomResourceDefinition (kind: "
                    + (tree == null ? null : tree.get("kind")) + "); keep only CRDs in the CRD folder");
        }
        return new Crd(file.getFileName().toString(), text, tree);
    }

    private static String text(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
