package io.barelb.image;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The image's class-data sharing archive ({@code /opt/barelb/lib/barelb.jsa}; docs/performance.md, "Footprint").
 * An archive holds for one JVM and for the jars' paths, sizes and times, so the distribution's own (made for its
 * folder with the build's JDK) cannot serve: this one is made by the distribution's {@code bin/barelb-cds} run in the
 * local base's root ({@code chroot}, with its own mount and PID namespace, {@code /proc} and the host's {@code /dev},
 * much as a container runtime runs the image), on the base's jlink runtime, with the distribution at {@code /opt/barelb} dated as Jib dates the
 * image's files. Needs root and {@code unshare}/{@code chroot}; without them the image has no archive and
 * {@code bin/barelb} starts without one. Made again only when the distribution or the base changes.
 */
final class ClassArchive {

    private static final Path UNSHARE = Path.of("/usr/bin/unshare");
    private static final Path CHROOT = Path.of("/usr/sbin/chroot");

    private ClassArchive() {
    }

    /** Why no archive can be made here, or empty when one can. */
    static Optional<String> unavailable() {
        if (!"root".equals(System.getProperty("user.name"))) {
            return Optional.of("making it runs the speaker in the base's root with chroot, which needs root");
        }
        if (!Files.isExecutable(UNSHARE) || !Files.isExecutable(CHROOT)) {
            return Optional.of("needs " + UNSHARE + " and " + CHROOT + " (util-linux, coreutils)");
        }
        return Optional.empty();
    }

    /** The archive for {@code distribution} on the base in {@code baseRoot}, kept in {@code work}. */
    static Path make(Path baseRoot, Path baseInputs, Path distribution, Path work) throws IOException, InterruptedException {
        List<Path> files = DistributionLayers.files(distribution);
        Path archive = work.resolve("barelb.jsa");
        Path stamp = work.resolve("barelb.jsa.inputs");
        StringBuilder inputs = new StringBuilder(Files.readString(baseInputs));
        for (Path relative : files) {
            Path file = distribution.resolve(relative);
            inputs.append(relative).append(' ').append(Files.size(file)).append(' ')
                    .append(Files.getLastModifiedTime(file).toMillis()).append('\n');
        }
        if (Files.exists(archive) && Files.exists(stamp) && Files.readString(stamp).contentEquals(inputs)) {
            return archive;
        }
        Path home = baseRoot.resolve(DistributionLayers.HOME.substring(1));
        LocalBase.deleteRecursively(home);
        try {
            FileTime imageTime = FileTime.from(DistributionLayers.FILE_TIME);
            for (Path relative : files) {
                Path target = home.resolve(relative.toString());
                Files.createDirectories(target.getParent());
                Files.copy(distribution.resolve(relative), target, StandardCopyOption.COPY_ATTRIBUTES);
                Files.setLastModifiedTime(target, imageTime);
            }
            Files.createDirectories(baseRoot.resolve("proc"));
            Files.createDirectories(baseRoot.resolve("dev"));
            String inImage = DistributionLayers.HOME + "/" + DistributionLayers.CLASS_ARCHIVE;
            // the host's /dev bound in, as a container runtime gives one (only inside the new mount namespace)
            List<String> command = new ArrayList<>(List.of(UNSHARE.toString(), "--mount", "--pid", "--fork",
                    "--kill-child", "--mount-proc=" + baseRoot.resolve("proc"), "/bin/sh", "-c",
                    "mount --bind /dev \"$0/dev\" && exec " + CHROOT + " \"$0\" \"$@\"", baseRoot.toString(),
                    "/usr/bin/env", "-i", "PATH=" + LocalBase.PATH, "JAVA_HOME=" + LocalBase.JAVA_HOME, "HOME=/tmp",
                    "LANG=C.UTF-8", "/bin/sh", DistributionLayers.HOME + "/bin/barelb-cds", inImage));
            Process training = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] output = training.getInputStream().readAllBytes();
            if (!training.waitFor(300, TimeUnit.SECONDS) || training.exitValue() != 0) {
                training.destroyForcibly();
                throw new IOException("bin/barelb-cds failed in the base's root: "
                        + new String(output, StandardCharsets.UTF_8));
            }
            Files.move(home.resolve(DistributionLayers.CLASS_ARCHIVE), archive, StandardCopyOption.REPLACE_EXISTING);
            Files.writeString(stamp, inputs);
            return archive;
        } finally {
            LocalBase.deleteRecursively(home);
            Files.deleteIfExists(baseRoot.resolve("dev"));
        }
    }
}
