package io.barelb.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What a doc command may name in the repository, read from its files: the Maven projects (the modules of the root
 * {@code pom.xml} and every folder of {@code docs/examples} with a {@code pom.xml}), their Java sources, the
 * repository modules a project's {@code pom.xml} names as dependencies, and whether some source holds a string.
 * Reads files lazily and keeps them; not thread-safe.
 */
final class RepositorySources {

    private static final Pattern ARTIFACT = Pattern.compile("<artifactId>([\\w.-]+)</artifactId>");
    private static final Pattern VERSION = Pattern.compile("<version>([\\w.${}-]+)</version>");

    private final Path repository;
    private final Map<Path, List<Path>> sources = new HashMap<>();
    private final Map<Path, String> texts = new HashMap<>();

    RepositorySources(Path repository) {
        this.repository = repository.toAbsolutePath().normalize();
    }

    Path repository() {
        return repository;
    }

    /** The Maven project in {@code folder} (relative to the repository or absolute), if it has a {@code pom.xml}. */
    Optional<Path> project(Path folder) {
        Path resolved = repository.resolve(folder).normalize();
        return Files.isRegularFile(resolved.resolve("pom.xml")) ? Optional.of(resolved) : Optional.empty();
    }

    /** The projects: the root's modules and the examples, in a stable order. */
    List<Path> projects() {
        List<Path> projects = new ArrayList<>();
        Matcher module = Pattern.compile("<module>([\\w.-]+)</module>").matcher(text(repository.resolve("pom.xml")));
        while (module.find()) {
            projects.add(repository.resolve(module.group(1)));
        }
        try (Stream<Path> examples = Files.list(repository.resolve("docs/examples"))) {
            examples.filter(e -> Files.isRegularFile(e.resolve("pom.xml"))).sorted().forEach(projects::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return projects;
    }

    /** {@code project} and the repository's modules its {@code pom.xml} names (dependencies, test-jars included). */
    List<Path> withDependencies(Path project) {
        List<Path> result = new ArrayList<>(List.of(project));
        Matcher artifact = ARTIFACT.matcher(text(project.resolve("pom.xml")));
        while (artifact.find()) {
            Path module = repository.resolve(artifact.group(1));
            if (!module.equals(project) && Files.isRegularFile(module.resolve("pom.xml")) && !result.contains(module)) {
                result.add(module);
            }
        }
        return result;
    }

    /** The project's own artifact file name stem ({@code artifactId-version}), the parent's version if it has none. */
    String artifactStem(Path project) {
        String pom = text(project.resolve("pom.xml")).replaceFirst("(?s)<parent>.*?</parent>", "")
                .replaceFirst("(?s)<dependencies>.*", "");
        Matcher artifact = ARTIFACT.matcher(pom);
        Matcher version = VERSION.matcher(pom);
        String parentVersion = "";
        Matcher parent = Pattern.compile("(?s)<parent>.*?<version>([^<]+)</version>.*?</parent>")
                .matcher(text(project.resolve("pom.xml")));
        if (parent.find()) {
            parentVersion = parent.group(1);
        }
        return (artifact.find() ? artifact.group(1) : "?") + "-" + (version.find() ? version.group(1) : parentVersion);
    }

    /** The Java sources of a project ({@code src/main/java} and {@code src/test/java}). */
    List<Path> javaSources(Path project) {
        return sources.computeIfAbsent(project, p -> {
            List<Path> found = new ArrayList<>();
            for (String tree : List.of("src/main/java", "src/test/java")) {
                Path root = p.resolve(tree);
                if (Files.isDirectory(root)) {
                    try (Stream<Path> files = Files.walk(root)) {
                        files.filter(f -> f.toString().endsWith(".java")).sorted().forEach(found::add);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
            return found;
        });
    }

    /** The test class {@code simpleName} of {@code project} ({@code src/test/java/.../simpleName.java}). */
    Optional<Path> testClass(Path project, String simpleName) {
        Path tests = project.resolve("src/test/java");
        return javaSources(project).stream().filter(f -> f.startsWith(tests))
                .filter(f -> f.getFileName().toString().equals(simpleName + ".java")).findFirst();
    }

    /** The source of the class {@code qualifiedName} in some project, under {@code src/main} or {@code src/test}. */
    Optional<Path> classSource(String qualifiedName) {
        String file = qualifiedName.replace('.', '/') + ".java";
        return projects().stream().flatMap(p -> Stream.of(p.resolve("src/main/java"), p.resolve("src/test/java")))
                .map(root -> root.resolve(file)).filter(Files::isRegularFile).findFirst();
    }

    /** The project a file of it is in (the nearest folder above it with a {@code pom.xml}, below the root). */
    Path projectOf(Path file) {
        for (Path folder = file.getParent(); folder != null && folder.startsWith(repository); folder = folder.getParent()) {
            if (!folder.equals(repository) && Files.isRegularFile(folder.resolve("pom.xml"))) {
                return folder;
            }
        }
        return repository;
    }

    /** True when a Java source of one of {@code projects} holds {@code text}. */
    boolean anySourceHolds(List<Path> projects, String text) {
        return projects.stream().flatMap(p -> javaSources(p).stream()).anyMatch(f -> text(f).contains(text));
    }

    /** A file's text, kept. */
    String text(Path file) {
        return texts.computeIfAbsent(file, f -> {
            try {
                return Files.readString(f);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
