package io.barelb.testkit;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * What a test needs from the machine (root, a command, a library). Run by hand without it, the test is
 * skipped with the reason; under {@code CI=true} the same lack fails the test, so CI can never pass by skipping.
 */
public final class Requirements {

    private Requirements() {
    }

    /** True when running in CI ({@code CI=true}). */
    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** Skips (by hand) or fails (in CI) with {@code reason} unless {@code met}. */
    public static void require(boolean met, String reason) {
        if (met) {
            return;
        }
        if (inCi()) {
            fail("CI=true and a requirement is missing, so this test cannot be skipped: " + reason);
        }
        assumeTrue(false, reason);
    }

    /** The test must run as root (network namespaces, raw sockets). */
    public static void requireRoot() {
        require("root".equals(System.getProperty("user.name")), "needs root (network namespaces); run .ci/run or sudo");
    }

    /** Every command must be on the PATH. */
    public static void requireCommands(String... commands) {
        for (String command : commands) {
            require(onPath(command), "needs the command '" + command + "' (installed by .ci/run)");
        }
    }

    /** A shared library file must exist in one of the usual library folders. */
    public static void requireLibrary(String fileName) {
        boolean found = Arrays.stream(new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/lib"})
                .anyMatch(dir -> Files.exists(Path.of(dir, fileName)));
        require(found, "needs the library " + fileName + " (installed by .ci/run)");
    }

    /** True if {@code command} is an executable on the PATH. */
    public static boolean onPath(String command) {
        String path = System.getenv().getOrDefault("PATH", "") + ":/usr/sbin:/sbin";
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
                return true;
            }
        }
        return false;
    }

    /** Runs a quick command and tells whether it exited 0 (used to probe capabilities). */
    public static boolean succeeds(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
