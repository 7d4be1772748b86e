package io.barelb.image;

import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The assembled distribution as image layers under {@code /opt/barelb}, the rarely changing first: the libraries
 * (lib/ and plugins/ jars that are not BareLB's), BareLB's own jars, then the launcher and etc/. The demo and the
 * Kubernetes files (demo/, manifests/, charts/) stay out: a cluster runs the controller and the speaker.
 */
final class DistributionLayers {

    static final String HOME = "/opt/barelb";
    static final String ENTRYPOINT = HOME + "/bin/barelb";
    /** Where bin/barelb looks for its class-data sharing archive, relative to {@link #HOME}. */
    static final String CLASS_ARCHIVE = "lib/barelb.jsa";
    /** What Jib dates every file of a layer (FileEntriesLayer's default), so what the image's files carry. */
    static final java.time.Instant FILE_TIME = FileEntriesLayer.DEFAULT_MODIFICATION_TIME;

    private static final Set<String> LEFT_OUT = Set.of("demo", "manifests", "charts");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");

    private DistributionLayers() {
    }

    /**
     * The layers; {@code classArchive}, when there is one, goes in as {@link #CLASS_ARCHIVE} with the launcher (the
     * distribution's own archive never does: it was made for the distribution's folder and the build's JVM).
     */
    static List<FileEntriesLayer> of(Path distribution, String version, java.util.Optional<Path> classArchive)
            throws IOException {
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("libraries");
        FileEntriesLayer.Builder barelb = FileEntriesLayer.builder().setName("barelb");
        FileEntriesLayer.Builder launcher = FileEntriesLayer.builder().setName("launcher and examples");
        String ownSuffix = "-" + version + ".jar";
        for (Path relative : files(distribution)) {
            Path file = distribution.resolve(relative);
            AbsoluteUnixPath inImage = AbsoluteUnixPath.get(HOME).resolve(relative.toString());
            String name = file.getFileName().toString();
            if (relative.startsWith("bin")) {
                launcher.addEntry(file, inImage, EXECUTABLE);
            } else if (!name.endsWith(".jar")) {
                launcher.addEntry(file, inImage, READABLE);
            } else if (name.endsWith(ownSuffix)) {
                barelb.addEntry(file, inImage, READABLE);
            } else {
                libraries.addEntry(file, inImage, READABLE);
            }
        }
        classArchive.ifPresent(archive -> launcher.addEntry(archive, AbsoluteUnixPath.get(HOME).resolve(CLASS_ARCHIVE),
                READABLE));
        return List.of(libraries.build(), barelb.build(), launcher.build());
    }

    /** The distribution's files that the image holds, relative to it, sorted. */
    static List<Path> files(Path distribution) throws IOException {
        if (!Files.isExecutable(distribution.resolve("bin/barelb"))) {
            throw new IOException("no assembled distribution at " + distribution + " (bin/barelb is missing): build "
                    + "the distribution module first (mvn -pl image -am package)");
        }
        try (Stream<Path> walk = Files.walk(distribution)) {
            return walk.filter(Files::isRegularFile).map(distribution::relativize)
                    .filter(relative -> !LEFT_OUT.contains(relative.getName(0).toString()))
                    .filter(relative -> !relative.toString().equals(CLASS_ARCHIVE)).sorted().toList();
        }
    }
}
