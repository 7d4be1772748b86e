package io.barelb.image;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import tools.jackson.databind.ObjectMapper;

/**
 * A one-layer image as {@code docker save} writes it ({@code manifest.json}, the configuration, the layer), the
 * form Jib takes a base from ({@code tar://}). The layer keeps symbolic links (Jib's own layers cannot), is owned by
 * root, sorted and dated 1970 so the same folder gives the same bytes.
 */
final class DockerArchive {

    private static final ObjectMapper JSON = new ObjectMapper();

    private DockerArchive() {
    }

    /**
     * Writes {@code rootFileSystem} as the single layer of an image with {@code environment}, to {@code archive};
     * the {@code sticky} folders (such as {@code /tmp}) get mode 1777's sticky bit.
     */
    static void write(Path rootFileSystem, Set<Path> sticky, Map<String, String> environment, String tag, Path archive)
            throws IOException {
        Path layer = archive.resolveSibling(archive.getFileName() + ".layer.tar.gz");
        String diffId = writeLayer(rootFileSystem, sticky, layer);
        byte[] config = JSON.writeValueAsBytes(Map.of(
                "architecture", "amd64",
                "os", "linux",
                "config", Map.of("Env", environment.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList()),
                "rootfs", Map.of("type", "layers", "diff_ids", List.of(diffId))));
        byte[] manifest = JSON.writeValueAsBytes(List.of(Map.of(
                "Config", "config.json", "RepoTags", List.of(tag), "Layers", List.of("layer.tar.gz"))));
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new BufferedOutputStream(Files.newOutputStream(archive)))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            putBytes(tar, "manifest.json", manifest);
            putBytes(tar, "config.json", config);
            TarArchiveEntry entry = new TarArchiveEntry("layer.tar.gz");
            entry.setSize(Files.size(layer));
            tar.putArchiveEntry(entry);
            Files.copy(layer, tar);
            tar.closeArchiveEntry();
        } finally {
            Files.delete(layer);
        }
    }

    private static String writeLayer(Path root, Set<Path> sticky, Path layer) throws IOException {
        MessageDigest sha256 = sha256();
        try (OutputStream file = new BufferedOutputStream(Files.newOutputStream(layer));
             GZIPOutputStream gzip = new GZIPOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(new DigestOutputStream(gzip, sha256))) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            List<Path> paths;
            try (Stream<Path> walk = Files.walk(root)) {
                paths = walk.filter(p -> !p.equals(root)).sorted().toList();
            }
            for (Path path : paths) {
                putPath(tar, root, path, sticky);
            }
        }
        return "sha256:" + HexFormat.of().formatHex(sha256.digest());
    }

    private static void putPath(TarArchiveOutputStream tar, Path root, Path path, Set<Path> sticky) throws IOException {
        String name = root.relativize(path).toString();
        TarArchiveEntry entry;
        if (Files.isSymbolicLink(path)) {
            entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
            entry.setLinkName(Files.readSymbolicLink(path).toString());
        } else if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            entry = new TarArchiveEntry(name + "/");
        } else {
            entry = new TarArchiveEntry(name);
            entry.setSize(Files.size(path));
        }
        entry.setMode(modeOf(path, entry, sticky));
        entry.setIds(0, 0);
        entry.setUserName("root");
        entry.setGroupName("root");
        entry.setModTime(1000L);
        tar.putArchiveEntry(entry);
        if (Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.copy(path, tar);
        }
        tar.closeArchiveEntry();
    }

    private static int modeOf(Path path, TarArchiveEntry entry, Set<Path> sticky) throws IOException {
        if (entry.isSymbolicLink()) {
            return 0120777;
        }
        int mode = 0;
        for (PosixFilePermission permission : Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS)) {
            mode |= 1 << (8 - permission.ordinal());
        }
        // NIO cannot set the sticky bit on the folder itself, so it is given here
        return (entry.isDirectory() ? 040000 : 0100000) | mode | (sticky.contains(path) ? 01000 : 0);
    }

    private static void putBytes(TarArchiveOutputStream tar, String name, byte[] bytes) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(bytes.length);
        entry.setModTime(1000L);
        tar.putArchiveEntry(entry);
        tar.write(bytes);
        tar.closeArchiveEntry();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }

}
