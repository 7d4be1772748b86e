package io.barelb.image;

import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * An OCI image tarball read the way a container runtime reads it: {@code index.json}, the manifest it names, the
 * configuration and the layers, unpacked in order into a folder (whiteouts delete what lower layers put there).
 */
final class OciArchive {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    private final Map<String, byte[]> blobs;
    private final String refName;
    private final JsonNode config;
    private final List<String> layers;

    private OciArchive(Map<String, byte[]> blobs, String refName, JsonNode config, List<String> layers) {
        this.blobs = blobs;
        this.refName = refName;
        this.config = config;
        this.layers = layers;
    }

    static OciArchive read(Path tarball) throws IOException {
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new BufferedInputStream(Files.newInputStream(tarball)))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.isFile()) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        if (!files.containsKey("oci-layout") || !files.containsKey("index.json")) {
            throw new IOException(tarball + " is not an OCI image layout (no oci-layout or index.json): " + files.keySet());
        }
        JsonNode index = JSON.readTree(files.get("index.json"));
        JsonNode descriptor = index.get("manifests").get(0);
        JsonNode manifest = JSON.readTree(blob(files, descriptor.get("digest").asString()));
        JsonNode config = JSON.readTree(blob(files, manifest.get("config").get("digest").asString()));
        List<String> layers = new ArrayList<>();
        for (JsonNode layer : manifest.get("layers")) {
            layers.add(layer.get("digest").asString());
        }
        JsonNode annotations = descriptor.get("annotations");
        String refName = annotations == null || annotations.get("org.opencontainers.image.ref.name") == null ? null
                : annotations.get("org.opencontainers.image.ref.name").asString();
        return new OciArchive(files, refName, config, layers);
    }

    /** The name the index gives the image ({@code org.opencontainers.image.ref.name}), or null. */
    String refName() {
        return refName;
    }

    /** The image configuration's {@code config} object (Entrypoint, Cmd, User, Env, ...). */
    JsonNode containerConfig() {
        return config.get("config");
    }

    int layerCount() {
        return layers.size();
    }

    /** Unpacks every layer in order into {@code root}. */
    void unpack(Path root) throws IOException {
        for (String layer : layers) {
            unpackLayer(new GZIPInputStream(new ByteArrayInputStream(blob(blobs, layer))), root);
        }
    }

    static void unpackLayer(InputStream layer, Path root) throws IOException {
        Path realRoot = root.toRealPath();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(layer)) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                Path target = inside(realRoot, entry.getName());
                String name = target.getFileName() == null ? "" : target.getFileName().toString();
                if (name.equals(OPAQUE)) {
                    clear(target.getParent());
                } else if (name.startsWith(WHITEOUT)) {
                    delete(target.resolveSibling(name.substring(WHITEOUT.length())));
                } else if (entry.isDirectory()) {
                    if (!Files.isDirectory(target)) {
                        delete(target);
                        Files.createDirectories(target);
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                } else if (entry.isSymbolicLink()) {
                    delete(target);
                    Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                } else if (entry.isLink()) {
                    delete(target);
                    Files.createLink(target, inside(realRoot, entry.getLinkName()));
                } else if (entry.isFile()) {
                    delete(target);
                    Files.copy(tar, target, StandardCopyOption.REPLACE_EXISTING);
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    // as a container runtime does: the class-data sharing archive checks the jars' times
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(entry.getModTime().toInstant()));
                }
            }
        }
    }

    /** Where {@code name} goes: through the links already unpacked, never outside {@code root}. */
    private static Path inside(Path root, String name) throws IOException {
        Path relative = Path.of(name.replaceFirst("^/+", "")).normalize();
        if (relative.startsWith("..")) {
            throw new IOException("layer entry " + name + " leads outside the root");
        }
        Path parent = relative.getParent() == null ? root : root.resolve(relative.getParent());
        Files.createDirectories(parent);
        Path realParent = parent.toRealPath();
        if (!realParent.startsWith(root)) {
            throw new IOException("layer entry " + name + " leads outside the root through a link (" + realParent + ")");
        }
        return relative.getFileName() == null ? root : realParent.resolve(relative.getFileName().toString());
    }

    private static void clear(Path folder) throws IOException {
        if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            try (Stream<Path> children = Files.list(folder)) {
                for (Path child : children.toList()) {
                    delete(child);
                }
            }
        }
    }

    private static void delete(Path path) throws IOException {
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            clear(path);
        }
        Files.deleteIfExists(path);
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = EnumSet.noneOf(PosixFilePermission.class);
        for (PosixFilePermission permission : PosixFilePermission.values()) {
            if ((mode & (1 << (8 - permission.ordinal()))) != 0) {
                permissions.add(permission);
            }
        }
        return permissions;
    }

    private static byte[] blob(Map<String, byte[]> files, String digest) throws IOException {
        byte[] blob = files.get("blobs/" + digest.replace(':', '/'));
        if (blob == null) {
            throw new IOException("the tarball has no blob " + digest);
        }
        return blob;
    }
}
