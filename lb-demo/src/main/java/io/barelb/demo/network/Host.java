package io.barelb.demo.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs commands on this machine for the network demo: short ones to completion (their output returned, a
 * failure turned into a {@link DemoNetworkException} naming the command), long ones in the background with
 * their output in a log file.
 */
final class Host {

    private static final long COMMAND_SECONDS = 20;

    private Host() {
    }

    /** Runs {@code command} to completion; fails with its output if it exits non-zero. */
    static String run(List<String> command) {
        Result result = attempt(command);
        if (result.exit() != 0) {
            throw new DemoNetworkException("`" + String.join(" ", command) + "` failed (exit " + result.exit() + "): "
                    + result.output().strip());
        }
        return result.output();
    }

    /** Runs {@code command} to completion whatever its exit status. */
    static Result attempt(List<String> command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            byte[] output = process.getInputStream().readAllBytes();
            if (!process.waitFor(COMMAND_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new DemoNetworkException("`" + String.join(" ", command) + "` did not finish within "
                        + COMMAND_SECONDS + " s");
            }
            return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new DemoNetworkException("cannot run `" + command.get(0) + "`: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoNetworkException("interrupted while running `" + command.get(0) + "`");
        }
    }

    /** Starts {@code command} in network namespace {@code namespace}, its output appended to {@code log}. */
    static Process background(String namespace, Path log, List<String> environment, List<String> command) {
        List<String> full = new ArrayList<>(List.of("ip", "netns", "exec", namespace, "env"));
        full.addAll(environment);
        full.addAll(command);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            ProcessBuilder builder = new ProcessBuilder(full).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            Process process = builder.start();
            process.getOutputStream().close();
            return process;
        } catch (IOException e) {
            throw new DemoNetworkException("cannot start `" + String.join(" ", command) + "` in " + namespace + ": "
                    + e.getMessage());
        }
    }

    /** Whether {@code command} is an executable on the PATH (or in /usr/sbin, /sbin). */
    static boolean installed(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** A finished command: exit status and combined output. */
    record Result(int exit, String output) {
    }
}
