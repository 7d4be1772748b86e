package io.barelb.testkit;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

/**
 * Builds small jars at test time from Java source text: third-party plugins, conflicting library versions.
 * Uses the JDK's own compiler, so a test proves what a plugin author compiling against lb-api would get.
 */
public final class TestJars {

    private final Map<String, String> sources = new LinkedHashMap<>();
    private final Map<String, String> resources = new LinkedHashMap<>();
    private final List<Path> classPath = new ArrayList<>();

    /** A Java source; {@code className} is fully qualified. */
    public TestJars source(String className, String code) {
        sources.put(className, code);
        return this;
    }

    /** A resource file inside the jar, e.g. {@code META-INF/services/io.barelb.api.plugin.LbPlugin}. */
    public TestJars resource(String path, String content) {
        resources.put(path, content);
        return this;
    }

    /** A jar or class folder to compile against. */
    public TestJars classPath(Path entry) {
        classPath.add(entry);
        return this;
    }

    /** Compiles the sources (release 17) and writes the jar; fails with the compiler's messages. */
    public Path writeTo(Path jar) {
        try {
            Path classes = Files.createTempDirectory("testjar-classes");
            if (!sources.isEmpty()) {
                compile(classes);
            }
            return pack(classes, resources, jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The built module that holds {@code type} as a jar at {@code jar}: its jar copied, or, when the class comes
     * from a class folder (a reactor build that stopped before {@code package}), that folder packed into one. Lets
     * a test fill a plugins folder with a real built-in plugin exactly as the distribution does.
     */
    public static Path jarOf(Class<?> type, Path jar) {
        Path location = locationOf(type);
        try {
            if (Files.isRegularFile(location)) {
                Files.createDirectories(jar.toAbsolutePath().getParent());
                return Files.copy(location, jar);
            }
            return pack(location, Map.of(), jar);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Path pack(Path classes, Map<String, String> extra, Path jar) throws IOException {
        Files.createDirectories(jar.toAbsolutePath().getParent());
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jarOut = new JarOutputStream(out)) {
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().collect(Collectors.toList())) {
                    jarOut.putNextEntry(new JarEntry(classes.relativize(file).toString().replace('\\', '/')));
                    jarOut.write(Files.readAllBytes(file));
                    jarOut.closeEntry();
                }
            }
            for (Map.Entry<String, String> resource : extra.entrySet()) {
                jarOut.putNextEntry(new JarEntry(resource.getKey()));
                jarOut.write(resource.getValue().getBytes(StandardCharsets.UTF_8));
                jarOut.closeEntry();
            }
        }
        return jar;
    }

    private void compile(Path output) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        if (compiler == null) {
            throw new IllegalStateException("no Java compiler in this runtime: run the tests on a JDK, not a JRE");
        }
        List<JavaFileObject> units = new ArrayList<>();
        sources.forEach((name, code) -> units.add(new SimpleJavaFileObject(
                URI.create("string:///" + name.replace('.', '/') + ".java"), JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        }));
        List<String> options = new ArrayList<>(List.of("--release", "17", "-d", output.toString()));
        if (!classPath.isEmpty()) {
            options.add("-classpath");
            options.add(classPath.stream().map(Path::toString).collect(Collectors.joining(java.io.File.pathSeparator)));
        }
        java.io.StringWriter messages = new java.io.StringWriter();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, null, StandardCharsets.UTF_8)) {
            boolean ok = compiler.getTask(messages, files, null, options, null, units).call();
            if (!ok) {
                throw new IllegalStateException("test source did not compile:\n" + messages);
            }
        }
    }

    /** The jar or class folder that holds {@code type}, e.g. lb-api's, to compile a plugin against. */
    public static Path locationOf(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
