package io.barelb.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** {@code bin/barelb ARGS} of the assembled distribution with its stdout and stderr in files of their own. */
final class LaunchedProcess implements AutoCloseable {

    private final Process process;
    private final Path out;
    private final Path err;

    private LaunchedProcess(Process process, Path out, Path err) {
        this.process = process;
        this.out = out;
        this.err = err;
    }

    static LaunchedProcess start(Path distribution, Path work, String name, Map<String, String> environment,
                                 List<String> args) throws IOException {
        Path out = work.resolve(name + ".out");
        Path err = work.resolve(name + ".err");
        List<String> command = new java.util.ArrayList<>(List.of(distribution.resolve("bin/barelb").toString()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
        builder.environment().remove("BARELB_LOG_FORMAT");
        builder.environment().putAll(environment);
        return new LaunchedProcess(builder.start(), out, err);
    }

    /** Waits for the exit (at most {@code limit}); the exit code. */
    int exitCode(Duration limit) throws InterruptedException {
        if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("still running after " + limit + "; stderr:\n" + err());
        }
        return process.exitValue();
    }

    /** Waits until stderr holds a line {@code line} accepts; false if the process ended or {@code limit} passed first. */
    boolean awaitErrLine(Duration limit, Predicate<String> line) throws InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (err().lines().anyMatch(line)) {
                return true;
            }
            if (!process.isAlive()) {
                return err().lines().anyMatch(line);
            }
            Thread.sleep(100);
        }
        return false;
    }

    boolean alive() {
        return process.isAlive();
    }

    String out() {
        return read(out);
    }

    String err() {
        return read(err);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** SIGTERM, then SIGKILL after 10 s. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
