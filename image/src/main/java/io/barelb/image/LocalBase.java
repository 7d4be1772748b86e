package io.barelb.image;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A base image made on this machine, for builds that reach no registry (CI): what {@code bin/barelb} and the
 * built-in plugins need and nothing else. A jlink runtime of {@code modules} at {@code /opt/java/openjdk} (where
 * eclipse-temurin keeps its runtime, so the image's settings hold on either base) with its default class-data
 * sharing archives; busybox as {@code /bin/sh} and the few tools the launcher runs; libpcap for the layer2
 * plugin; the shared libraries all of them link, and those the native libraries inside the distribution's jars link
 * (Netty's epoll transport needs libdl and librt), copied from this machine; {@code /etc/passwd} with root and
 * nobody (65534); {@code /tmp}. Made again only when its inputs change.
 */
final class LocalBase {

    static final String JAVA_HOME = "/opt/java/openjdk";
    static final String PATH = JAVA_HOME + "/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";
    static final String TAG = "barelb-base:local";

    private static final String BUSYBOX = "/usr/bin/busybox";
    /**
     * Links to busybox: the shell, the tools bin/barelb runs (readlink, dirname, cat) and a few for a look around
     * with {@code kubectl exec}. Inside {@code sh} Debian's busybox runs any of its tools itself (its shell is built
     * "standalone"), so the links matter to what is started from outside the shell.
     */
    private static final List<String> APPLETS = List.of("sh", "readlink", "dirname", "cat", "basename", "env", "expr",
            "grep", "head", "id", "ls", "mkdir", "rm", "sed", "tail", "tr", "uname");
    /** What pcap4j opens through JNA (the layer2 plugin). */
    private static final String LIBPCAP = "libpcap.so.0.8";
    /** Bump when what this class makes changes, so an old base is not reused. */
    private static final int LAYOUT = 4;

    private LocalBase() {
    }

    /** What this machine lacks to make the base (empty when it has it all), each with the way to get it. */
    static List<String> missing() {
        List<String> missing = new ArrayList<>();
        if (!Files.isExecutable(Path.of(BUSYBOX))) {
            missing.add(BUSYBOX + " (the Debian package busybox-static)");
        }
        try {
            libpcap();
        } catch (IOException e) {
            missing.add(LIBPCAP + " (the Debian package libpcap0.8)");
        }
        if (!Files.isExecutable(Path.of("/usr/bin/ldd"))) {
            missing.add("/usr/bin/ldd (a Linux machine with glibc)");
        }
        if (ToolProvider.findFirst("jlink").isEmpty()) {
            missing.add("jlink (build with a JDK, not a JRE)");
        }
        return missing;
    }

    /** The root folder the base was made from (the runtime, busybox, the libraries), kept beside its archive. */
    static Path root(Path work) {
        return work.resolve("base-root");
    }

    /** The file that records what the base in {@code work} was made from. */
    static Path inputs(Path work) {
        return work.resolve("base.inputs");
    }

    /**
     * The docker-save archive of the base in {@code work}, made unless one made from the same inputs is there;
     * {@code distribution} for the native libraries its jars carry.
     */
    static Path build(List<String> modules, Path work, Path distribution) throws IOException {
        Path archive = work.resolve("base.tar");
        Path stamp = inputs(work);
        List<Path> natives = bundledNatives(distribution, work.resolve("natives"));
        String inputs = "layout " + LAYOUT + "\njava " + System.getProperty("java.home") + " "
                + System.getProperty("java.vm.version") + "\nmodules " + String.join(",", modules) + "\nbusybox "
                + Files.size(Path.of(BUSYBOX)) + "\nlibpcap " + libpcap() + "\nnatives "
                + natives.stream().map(p -> p.getFileName().toString()).sorted().toList() + "\n";
        if (Files.exists(archive) && Files.exists(stamp) && Files.readString(stamp).equals(inputs)) {
            return archive;
        }
        Path root = root(work);
        deleteRecursively(root);
        RootFileSystem rootFs = new RootFileSystem(root);
        rootFs.topLevelFolders();
        jlink(modules, rootFs.inside(Path.of(JAVA_HOME)));
        rootFs.copyFromHost(Path.of(BUSYBOX));
        for (String applet : APPLETS) {
            rootFs.link("/usr/bin/" + applet, "busybox");
        }
        rootFs.copyFromHost(libpcap());
        List<Path> elfFiles = elfFiles(rootFs.inside(Path.of(JAVA_HOME)), libpcap());
        elfFiles.addAll(natives);
        for (Path library : SharedLibraries.of(elfFiles, Set.of("libjvm.so"))) {
            // the runtime's own libraries (libjava.so for libnet.so, through $ORIGIN) are in the root already
            if (!library.startsWith(root)) {
                rootFs.copyFromHost(library);
            }
        }
        rootFs.write("/etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/sh\n");
        rootFs.write("/etc/group", "root:x:0:\nnogroup:x:65534:\n");
        rootFs.write("/etc/nsswitch.conf", "passwd: files\ngroup: files\nhosts: files dns\n");
        Path tmp = rootFs.inside(Path.of("/tmp"));
        Files.createDirectories(tmp);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxrwxrwx"));
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", PATH);
        environment.put("JAVA_HOME", JAVA_HOME);
        environment.put("LANG", "C.UTF-8");
        DockerArchive.write(root, Set.of(tmp), environment, TAG, archive);
        Files.writeString(stamp, inputs);
        return archive;
    }

    private static Path libpcap() throws IOException {
        for (String folder : new String[] {"/usr/lib/x86_64-linux-gnu", "/usr/lib/aarch64-linux-gnu", "/usr/lib", "/lib"}) {
            Path candidate = Path.of(folder, LIBPCAP);
            if (Files.exists(candidate)) {
                return candidate;
            }
        }
        throw new IOException(LIBPCAP + " is not on this machine, and the layer2 plugin needs it in the image: "
                + "install the Debian package libpcap0.8 (.ci/run does)");
    }

    private static void jlink(List<String> modules, Path output) throws IOException {
        ToolProvider jlink = ToolProvider.findFirst("jlink").orElseThrow(() -> new IOException(
                "no jlink in " + System.getProperty("java.home") + ": build with a JDK, not a JRE"));
        Files.createDirectories(output.getParent());
        StringWriter out = new StringWriter();
        int exit = jlink.run(new PrintWriter(out), new PrintWriter(out), "--add-modules", String.join(",", modules),
                "--strip-debug", "--no-man-pages", "--no-header-files", "--generate-cds-archive",
                "--output", output.toString());
        if (exit != 0) {
            throw new IOException("jlink failed (exit " + exit + "): " + out);
        }
    }

    /**
     * The native libraries the distribution's jars carry and unpack at run time (Netty's epoll transport, JNA's
     * dispatcher), written to {@code folder} for {@code ldd}: what they link (Netty's epoll: libdl, librt) must be in
     * the base as well. One built for another machine gives {@code ldd} nothing to resolve.
     */
    private static List<Path> bundledNatives(Path distribution, Path folder) throws IOException {
        deleteRecursively(folder);
        Files.createDirectories(folder);
        List<Path> natives = new ArrayList<>();
        List<Path> jars;
        try (Stream<Path> walk = Files.walk(distribution)) {
            jars = walk.filter(p -> p.toString().endsWith(".jar"))
                    .filter(p -> p.startsWith(distribution.resolve("lib")) || p.startsWith(distribution.resolve("plugins")))
                    .sorted().toList();
        }
        for (Path jar : jars) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(jar.toFile())) {
                for (java.util.zip.ZipEntry entry : java.util.Collections.list(zip.entries())) {
                    if (!entry.isDirectory() && entry.getName().endsWith(".so")) {
                        Path target = folder.resolve(natives.size() + "-" + Path.of(entry.getName()).getFileName());
                        try (java.io.InputStream in = zip.getInputStream(entry)) {
                            Files.copy(in, target);
                        }
                        natives.add(target);
                    }
                }
            }
        }
        return natives;
    }

    private static List<Path> elfFiles(Path javaHome, Path libpcap) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Path.of(BUSYBOX));
        files.add(libpcap);
        try (Stream<Path> walk = Files.walk(javaHome)) {
            walk.filter(Files::isRegularFile)
                    .filter(p -> p.toString().endsWith(".so") || p.getParent().endsWith("bin"))
                    .forEach(files::add);
        }
        return files;
    }

    static void deleteRecursively(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : walk.sorted((a, b) -> b.compareTo(a)).toList()) {
                Files.delete(path);
            }
        }
    }
}
