package io.barelb.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The shared libraries ELF files link, as {@code ldd} resolves them on this machine (the loader itself included).
 * A library {@code ldd} cannot find fails the build, except those the files bring along themselves (the jlink
 * runtime's {@code libjvm.so}, found through {@code $ORIGIN} when the runtime runs).
 */
final class SharedLibraries {

    private static final Pattern RESOLVED = Pattern.compile("^\\s*(\\S+) => (/\\S+) \\(0x[0-9a-f]+\\)$");
    private static final Pattern LOADER = Pattern.compile("^\\s*(/\\S+) \\(0x[0-9a-f]+\\)$");
    private static final Pattern MISSING = Pattern.compile("^\\s*(\\S+) => not found$");

    private SharedLibraries() {
    }

    /** The host paths of every library {@code files} link, loader included; {@code bundled} names may be missing. */
    static Set<Path> of(List<Path> files, Set<String> bundled) throws IOException {
        Set<Path> libraries = new TreeSet<>();
        for (Path file : files) {
            libraries.addAll(parse(file, ldd(file), bundled));
        }
        return libraries;
    }

    /** One file's {@code ldd} output as library paths ({@code not a dynamic executable} gives none). */
    static List<Path> parse(Path file, String lddOutput, Set<String> bundled) {
        List<Path> libraries = new ArrayList<>();
        for (String line : lddOutput.split("\n")) {
            Matcher resolved = RESOLVED.matcher(line);
            Matcher loader = LOADER.matcher(line);
            Matcher missing = MISSING.matcher(line);
            if (resolved.matches()) {
                libraries.add(Path.of(resolved.group(2)));
            } else if (loader.matches()) {
                libraries.add(Path.of(loader.group(1)));
            } else if (missing.matches() && !bundled.contains(missing.group(1))) {
                throw new IllegalStateException(file + " links " + missing.group(1) + ", which this machine does not "
                        + "have: install the package that provides it, or leave " + file.getFileName() + " out");
            }
        }
        return libraries;
    }

    private static String ldd(Path file) throws IOException {
        Process process = new ProcessBuilder("ldd", file.toString()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while running ldd " + file, e);
        }
        return out;
    }
}
