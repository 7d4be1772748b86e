package io.barelb.image;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A root file system being put together in a folder: files copied from this machine to the same path inside it,
 * symbolic links kept as links (their chain followed, so {@code libpcap.so.0.8 -> libpcap.so.1.10.3} arrives
 * whole), and this machine's merged-/usr links ({@code /lib -> usr/lib}, ...) made the same way.
 */
final class RootFileSystem {

    private final Path root;

    RootFileSystem(Path root) throws IOException {
        this.root = root;
        Files.createDirectories(root);
    }

    Path root() {
        return root;
    }

    /** {@code /bin}, {@code /lib}, {@code /lib64}, {@code /sbin}: links where this machine has links, else folders. */
    void topLevelFolders() throws IOException {
        for (String name : new String[] {"bin", "lib", "lib64", "sbin"}) {
            Path host = Path.of("/", name);
            Path inside = root.resolve(name);
            if (Files.isSymbolicLink(host)) {
                Files.createDirectories(root.resolve(Path.of("/").relativize(host.toRealPath())));
                Files.createSymbolicLink(inside, Files.readSymbolicLink(host));
            } else {
                Files.createDirectories(inside);
            }
        }
    }

    /** Copies the host file at absolute {@code path} to the same path inside, following and keeping its links. */
    void copyFromHost(Path path) throws IOException {
        Path host = path.toAbsolutePath().normalize();
        Path inside = inside(host);
        if (Files.exists(inside, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.createDirectories(inside.getParent());
        if (Files.isSymbolicLink(host)) {
            Path target = Files.readSymbolicLink(host);
            Files.createSymbolicLink(inside, target);
            copyFromHost(host.getParent().resolve(target));
        } else {
            Files.copy(host, inside, StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    /** A link inside, e.g. {@code /usr/bin/sh -> busybox}. */
    void link(String path, String target) throws IOException {
        Path inside = inside(Path.of(path));
        Files.createDirectories(inside.getParent());
        Files.createSymbolicLink(inside, Path.of(target));
    }

    /** A text file inside. */
    void write(String path, String content) throws IOException {
        Path inside = inside(Path.of(path));
        Files.createDirectories(inside.getParent());
        Files.writeString(inside, content);
    }

    /** The folder inside that {@code absolute} names (through the links already inside, like the kernel would). */
    Path inside(Path absolute) throws IOException {
        Path relative = Path.of("/").relativize(absolute.normalize());
        Path parent = relative.getParent() == null ? root : root.resolve(relative.getParent());
        // resolve the parent through links already made inside (lib -> usr/lib), never through the host's
        Path realParent = Files.exists(parent) ? parent.toRealPath() : parent;
        if (!realParent.startsWith(root.toRealPath())) {
            throw new IOException(absolute + " leads outside the root file system " + root);
        }
        return realParent.resolve(relative.getFileName().toString());
    }
}
