package com.example.barelb.routingdaemon;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command that makes the daemon read its configuration again ({@code birdc configure}), with a deadline.
 * Its output goes to a file beside the include file rather than a pipe, so a hung command cannot block the reader and
 * no descriptor stays open in this process. {@code birdc} exits non-zero when BIRD is not running or refuses the
 * configuration, with BIRD's reason on its output.
 */
final class ReloadCommand {

    private final List<String> command;
    private final Duration timeout;
    private final Path output;

    ReloadCommand(List<String> command, Duration timeout, Path output) {
        this.command = List.copyOf(command);
        this.timeout = timeout;
        this.output = output;
    }

    /** Runs it; empty when it exited 0, else why not, in one line fit for an operator. */
    java.util.Optional<String> run() {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .redirectOutput(output.toFile()).start();
        } catch (IOException e) {
            return java.util.Optional.of("cannot run \"" + String.join(" ", command) + "\": " + e.getMessage());
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                return java.util.Optional.of("\"" + String.join(" ", command) + "\" did not finish within "
                        + timeout.toSeconds() + " s (" + DaemonSettings.TIMEOUT + ")");
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            return java.util.Optional.of("interrupted while \"" + String.join(" ", command) + "\" ran");
        }
        if (process.exitValue() == 0) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of("\"" + String.join(" ", command) + "\" exited " + process.exitValue() + ": "
                + lastLines());
    }

    private String lastLines() {
        try {
            List<String> lines = Files.readAllLines(output, StandardCharsets.UTF_8).stream().map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("BIRD ") && !line.startsWith("Reading configuration"))
                    .toList();
            return lines.isEmpty() ? "no output" : String.join("; ", lines.subList(Math.max(0, lines.size() - 3),
                    lines.size()));
        } catch (IOException e) {
            return "its output cannot be read: " + e.getMessage();
        }
    }
}
