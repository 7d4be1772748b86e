package io.barelb.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A process's memory from {@code /proc/PID/status}, in KiB: the resident set and its three parts. A page mapped
 * several times (ZGC maps its heap three times in JDK 17) counts once per mapping in {@code VmRSS} and
 * {@code RssShmem}, so for ZGC those overstate what the process holds.
 */
record ProcessMemory(long rssKb, long anonKb, long fileKb, long shmemKb) {

    static ProcessMemory of(long pid) throws IOException {
        List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"));
        return new ProcessMemory(field(lines, "VmRSS:"), field(lines, "RssAnon:"), field(lines, "RssFile:"),
                field(lines, "RssShmem:"));
    }

    private static long field(List<String> lines, String name) {
        return lines.stream().filter(l -> l.startsWith(name)).map(l -> l.replaceAll("[^0-9]", ""))
                .mapToLong(Long::parseLong).findFirst().orElseThrow(() -> new IllegalStateException("no " + name));
    }

    double rssMib() {
        return rssKb / 1024.0;
    }

    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "RSS %.1f MiB (anon %.1f, file %.1f, shmem %.1f)", rssKb / 1024.0,
                anonKb / 1024.0, fileKb / 1024.0, shmemKb / 1024.0);
    }
}
