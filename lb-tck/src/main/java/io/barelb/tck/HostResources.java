package io.barelb.tck;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * What the test process holds at one moment: its live threads and (on Linux) its open file descriptors, so a
 * contract can tell what a plugin started or opened and did not let go of.
 *
 * @param threads      the live threads
 * @param descriptors  by descriptor number, what {@code /proc/self/fd/N} links to ({@code socket:[123]},
 *                     {@code anon_inode:[eventpoll]}, a path); empty where {@code /proc} is missing
 */
public record HostResources(Set<Thread> threads, Map<Integer, String> descriptors) {

    /** Threads the JVM starts on its own (for a child process the test ran, a cleaner), not a plugin's. */
    private static final Set<String> JVM_THREADS = Set.of("process reaper", "Common-Cleaner", "Attach Listener",
            "Signal Dispatcher", "Reference Handler", "Finalizer");

    public HostResources {
        threads = Set.copyOf(threads);
        descriptors = Map.copyOf(descriptors);
    }

    /** What the process holds now. */
    public static HostResources now() {
        Set<Thread> live = new HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            if (thread.isAlive()) {
                live.add(thread);
            }
        }
        return new HostResources(live, openDescriptors());
    }

    /** True where open descriptors can be listed (Linux). */
    public static boolean descriptorsVisible() {
        return Files.isDirectory(Path.of("/proc/self/fd"));
    }

    /** The threads alive now that were not alive in {@code before}, less {@code hosts} (the host's own). */
    public Set<Thread> threadsAddedSince(HostResources before, Set<Thread> hosts) {
        Set<Thread> added = new HashSet<>(threads);
        added.removeAll(before.threads);
        added.removeAll(hosts);
        added.removeIf(thread -> !thread.isAlive() || JVM_THREADS.contains(thread.getName()));
        return added;
    }

    /**
     * The descriptors open now that were not open (to the same target) in {@code before}: sockets, pipes, event
     * fds and files, less the jars and shared libraries the JVM maps while loading classes.
     */
    public Map<Integer, String> descriptorsAddedSince(HostResources before) {
        Map<Integer, String> added = new TreeMap<>();
        descriptors.forEach((fd, target) -> {
            if (!target.equals(before.descriptors.get(fd)) && !loadedByTheJvm(target)) {
                added.put(fd, target);
            }
        });
        return added;
    }

    private static boolean loadedByTheJvm(String target) {
        return target.endsWith(".jar") || target.endsWith(".so") || target.contains(".so.") || target.endsWith("/modules")
                || target.startsWith("/proc/") || target.startsWith("/dev/");
    }

    private static Map<Integer, String> openDescriptors() {
        Map<Integer, String> open = new TreeMap<>();
        Path folder = Path.of("/proc/self/fd");
        if (!Files.isDirectory(folder)) {
            return open;
        }
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
            for (Path entry : entries) {
                try {
                    open.put(Integer.parseInt(entry.getFileName().toString()), Files.readSymbolicLink(entry).toString());
                } catch (IOException | NumberFormatException e) {
                    // closed while listing (the directory stream's own descriptor among them)
                }
            }
        } catch (IOException e) {
            return open;
        }
        return open;
    }
}
