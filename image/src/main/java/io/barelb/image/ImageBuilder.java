package io.barelb.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.CredentialRetriever;
import com.google.cloud.tools.jib.api.ImageReference;
import com.google.cloud.tools.jib.api.InvalidImageReferenceException;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.JibContainer;
import com.google.cloud.tools.jib.api.JibContainerBuilder;
import com.google.cloud.tools.jib.api.LogEvent;
import com.google.cloud.tools.jib.api.RegistryImage;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import com.google.cloud.tools.jib.frontend.CredentialRetrieverFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Builds the BareLB image with Jib (the build's package step in this module; docs/install.md, "The image"):
 * the distribution's layers on {@code --base} ({@code local}: {@link LocalBase}; otherwise a Jib reference such as
 * {@code eclipse-temurin:17-jre}), written as an OCI tarball named {@link #tarballName}, or pushed to
 * {@code --image} when one is given.
 */
public final class ImageBuilder {

    /** Non-root by default; the speaker's manifest asks for root (CAP_NET_RAW is given only to UID 0). */
    static final String USER = "65534:65534";
    static final List<Port> PORTS = List.of(Port.tcp(7472), Port.tcp(7946), Port.udp(7946));

    private ImageBuilder() {
    }

    public static void main(String[] args) {
        Map<String, String> options = options(args);
        try {
            build(options);
        } catch (Exception e) {
            StringBuilder reasons = new StringBuilder();
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause.getMessage() != null && reasons.indexOf(cause.getMessage()) < 0) {
                    reasons.append(reasons.length() == 0 ? "" : ": ").append(cause.getMessage());
                }
            }
            String way = "local".equals(options.get("base")) ? "" : " With no registry reachable, build on the base "
                    + "made here (-Dimage.base=local, the default).";
            System.err.println("[image] cannot build the image on base " + options.get("base") + ": " + reasons + "."
                    + way + " -Dimage.skip=true leaves the image out.");
            System.exit(1);
        }
    }

    private static void build(Map<String, String> options) throws Exception {
        String version = options.get("version");
        Path work = Path.of(options.get("work"));
        Consumer<LogEvent> log = event -> {
            // Jib's warnings and errors only; its digest warning does not apply to the base made here
            if (event.getLevel().compareTo(LogEvent.Level.WARN) <= 0
                    && !event.getMessage().startsWith("Base image '" + LocalBase.TAG + "'")) {
                System.out.println("[image] " + event.getMessage());
            }
        };
        long started = System.nanoTime();
        String base = options.get("base");
        JibContainerBuilder image;
        // only on the base made here: an archive holds for the one JVM it was made with
        java.util.Optional<Path> classArchive = java.util.Optional.empty();
        if ("local".equals(base)) {
            List<String> missing = LocalBase.missing();
            if (!missing.isEmpty()) {
                String reason = "this machine lacks what the local base is made of: " + String.join(", ", missing);
                if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                    throw new IOException(reason + " (.ci/run installs the packages)");
                }
                // a developer's `mvn package` for the demo must not need them; ImageIT then skips (fails in CI)
                Files.deleteIfExists(Path.of(options.get("tarball")));
                System.out.println("[image] no image: " + reason + "; CI=true makes this a failure");
                return;
            }
            Path archive = LocalBase.build(List.of(options.get("jlink-modules").split(",")), work,
                    Path.of(options.get("distribution")));
            System.out.printf("[image] local base %s ready after %d ms%n", archive, Duration.ofNanos(System.nanoTime() - started).toMillis());
            image = Jib.from(TarImage.at(archive).named(LocalBase.TAG));
            java.util.Optional<String> noArchive = ClassArchive.unavailable();
            if (noArchive.isPresent()) {
                System.out.println("[image] no class-data sharing archive (bin/barelb starts without): " + noArchive.get());
            } else {
                long training = System.nanoTime();
                classArchive = java.util.Optional.of(ClassArchive.make(LocalBase.root(work), LocalBase.inputs(work),
                        Path.of(options.get("distribution")), work));
                System.out.printf("[image] class-data sharing archive %s ready after %d ms%n", classArchive.get(),
                        Duration.ofNanos(System.nanoTime() - training).toMillis());
            }
        } else {
            System.out.println("[image] note: the layer2 plugin needs libpcap.so.0.8 in the base; eclipse-temurin:17-jre "
                    + "has none (docs/install.md, \"The image\")");
            image = Jib.from(base);
        }
        configure(image, Path.of(options.get("distribution")), version, "local".equals(base) ? LocalBase.TAG : base,
                classArchive);
        String registry = options.getOrDefault("image", "");
        Containerizer containerizer;
        if (registry.isBlank()) {
            Path tarball = Path.of(options.get("tarball"));
            containerizer = Containerizer.to(TarImage.at(tarball).named(tarballName(version)));
            containerizer.setOfflineMode("local".equals(base));
        } else {
            containerizer = Containerizer.to(pushTarget(registry, log));
        }
        containerizer.setToolName("barelb-image")
                .setApplicationLayersCache(work.resolve("jib-cache/application"))
                .setBaseImageLayersCache(work.resolve("jib-cache/base"))
                .addEventHandler(LogEvent.class, log);
        JibContainer container = image.containerize(containerizer);
        System.out.printf("[image] %s (%s) on %s in %d ms%n", container.getTargetImage(), container.getDigest(), base,
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    /** The name the tarball's image carries: what manifests/barelb.yaml and the chart reference (no -SNAPSHOT). */
    static String tarballName(String version) {
        return "barelb:" + version.replaceFirst("-SNAPSHOT$", "");
    }

    static void configure(JibContainerBuilder image, Path distribution, String version, String baseName,
                          java.util.Optional<Path> classArchive) throws Exception {
        for (FileEntriesLayer layer : DistributionLayers.of(distribution, version, classArchive)) {
            image.addFileEntriesLayer(layer);
        }
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("JAVA_HOME", LocalBase.JAVA_HOME);
        environment.put("PATH", DistributionLayers.HOME + "/bin:" + LocalBase.PATH);
        image.setFormat(ImageFormat.OCI)
                .setCreationTime(Instant.EPOCH)
                .setEntrypoint(DistributionLayers.ENTRYPOINT)
                .setProgramArguments(List.of("--help"))
                .setWorkingDirectory(AbsoluteUnixPath.get(DistributionLayers.HOME))
                .setUser(USER)
                .setEnvironment(environment)
                .setExposedPorts(Set.copyOf(PORTS))
                .addLabel("org.opencontainers.image.title", "BareLB")
                .addLabel("org.opencontainers.image.description",
                        "Load balancer for bare-metal Kubernetes (MetalLB-compatible configuration): controller and speaker")
                .addLabel("org.opencontainers.image.version", version)
                .addLabel("org.opencontainers.image.base.name", baseName);
    }

    private static RegistryImage pushTarget(String reference, Consumer<LogEvent> log) throws InvalidImageReferenceException {
        RegistryImage target = RegistryImage.named(reference);
        CredentialRetrieverFactory credentials = CredentialRetrieverFactory.forImage(ImageReference.parse(reference), log);
        for (CredentialRetriever retriever : List.of(credentials.dockerConfig(), credentials.wellKnownCredentialHelpers())) {
            target.addCredentialRetriever(retriever);
        }
        return target;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new LinkedHashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got " + arg + " (all: " + Arrays.toString(args) + ")");
            }
            options.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
        }
        return options;
    }
}
