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

    private static final Set<String> LEFT_OUT = Set.of("demo", "manifests", "charts");
    private static final FilePermissions EXECUTABLE = FilePermissions.fromOctalString("755");
    private static final FilePermissions READABLE = FilePermissions.fromOctalString("644");

    private DistributionLayers() {
    }

    static List<FileEntriesLayer> of(Path distribution, String version) throws IOException {
        if (!Files.isExecutable(distribution.resolve("bin/barelb"))) {
            throw new IOException("no assembled distribution at " + distribution + " (bin/barelb is missing): build "
                    + "the distribution module first (mvn -pl image -am package)");
        }
        FileEntriesLayer.Builder libraries = FileEntriesLayer.builder().setName("libraries");
        FileEntriesLayer.Builder barelb = FileEntriesLayer.builder().setName("barelb");
        FileEntriesLayer.Builder launcher = FileEntriesLayer.builder().setName("launcher and examples");
        String ownSuffix = "-" + version + ".jar";
        List<Path> files;
        try (Stream<Path> walk = Files.walk(distribution)) {
            files = walk.filter(Files::isRegularFile).sorted().toList();
        }
        for (Path file : files) {
            Path relative = distribution.relativize(file);
            if (LEFT_OUT.contains(relative.getName(0).toString())) {
                continue;
            }
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
        return List.of(libraries.build(), barelb.build(), launcher.build());
    }
}
