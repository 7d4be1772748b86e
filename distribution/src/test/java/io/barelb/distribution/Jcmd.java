package io.barelb.distribution;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The diagnostic commands {@code -Dbarelb.footprint.jcmd} names ({@code ;} between them, e.g.
 * {@code GC.heap_info;VM.native_memory summary}, the latter with {@code -XX:NativeMemoryTracking=summary} in the
 * variant), run with the JDK's {@code jcmd} against a process; their output, or "" when none is asked for.
 */
final class Jcmd {

    private Jcmd() {
    }

    static String diagnostics(long pid) throws IOException, InterruptedException {
        String asked = System.getProperty("barelb.footprint.jcmd", "");
        StringBuilder text = new StringBuilder();
        for (String command : asked.split(";")) {
            if (command.isBlank()) {
                continue;
            }
            List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd").toString(),
                    Long.toString(pid)));
            line.addAll(List.of(command.trim().split(" ")));
            Process jcmd = new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(jcmd.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            jcmd.waitFor(30, TimeUnit.SECONDS);
            text.append("\n  jcmd ").append(command.trim()).append(":\n").append(output.indent(4));
        }
        return text.toString();
    }
}
