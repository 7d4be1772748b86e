package io.barelb.runtime.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Which files a path given on the command line stands for. */
public final class ConfigFiles {

    private ConfigFiles() {
    }

    /**
     * A folder stands for its {@code *.yaml} and {@code *.yml} files (not its sub-folders), in name order; anything
     * else for itself.
     *
     * @throws UncheckedIOException when the folder cannot be listed
     */
    public static List<Path> expand(Path path) {
        if (!Files.isDirectory(path)) {
            return List.of(path);
        }
        try (Stream<Path> entries = Files.list(path)) {
            return entries.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
                    .filter(Files::isRegularFile).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + path, e);
        }
    }
}
