package io.barelb.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Runs a command in an unpacked image the way a container runtime would, as far as a test can: a fresh mount and
 * PID namespace with its own {@code /proc} ({@code unshare}, gone with the process, so nothing is left mounted),
 * {@code chroot} into the root as the image's user, only the image's environment, in its working directory.
 */
record ImageRun(Path root, String user, String workingDir, Map<String, String> environment) {

    record Result(int exitCode, String out, String err) {
    }

    Result run(List<String> command) throws IOException, InterruptedException {
        return run(command, Map.of());
    }

    /** Runs {@code command} with {@code extra} added to the image's environment (as a pod's {@code env:} adds). */
    Result run(List<String> command, Map<String, String> extra) throws IOException, InterruptedException {
        // the runtime makes the mount point when the image has none
        Files.createDirectories(root.resolve("proc"));
        List<String> argv = new ArrayList<>(List.of("/usr/bin/env", "-i"));
        environment.forEach((name, value) -> argv.add(name + "=" + value));
        extra.forEach((name, value) -> argv.add(name + "=" + value));
        argv.addAll(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child", "--mount-proc=" + root.resolve("proc"),
                "/usr/sbin/chroot", "--userspec=" + user, root.toString(),
                "/bin/sh", "-c", "cd \"$0\" && exec \"$@\"", workingDir));
        argv.addAll(command);
        Process process = new ProcessBuilder(argv).start();
        CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(process, true));
        CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(process, false));
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("still running after 120 s in the image: " + command);
        }
        return new Result(process.exitValue(), out.join(), err.join());
    }

    private static String read(Process process, boolean out) {
        try {
            return new String((out ? process.getInputStream() : process.getErrorStream()).readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }
}
