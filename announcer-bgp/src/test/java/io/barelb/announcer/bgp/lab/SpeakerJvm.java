package io.barelb.announcer.bgp.lab;

import io.barelb.announcer.bgp.netty.BenchSpeaker;
import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A {@link BenchSpeaker} JVM in a namespace of a {@link NetnsLab} (tracked as {@code speaker}, output in
 * {@code speaker.log}), with {@code -Xmx128m -XX:+UseSerialGC}: commands on its stdin, answers read from its log.
 */
public final class SpeakerJvm {

    /** The JVM options of every lab speaker. */
    public static final List<String> OPTIONS = List.of("-Xmx128m", "-XX:+UseSerialGC");

    private final NetnsLab lab;
    private final Process process;

    private SpeakerJvm(NetnsLab lab, Process process) {
        this.lab = lab;
        this.process = process;
    }

    /** Starts {@link BenchSpeaker} with {@code args} (the IPv6 next hop, then one session spec each). */
    public static SpeakerJvm start(NetnsLab lab, String ns, String... args) throws IOException {
        Path target = Path.of("target").toAbsolutePath();
        String classpath = Files.readString(target.resolve("test-classpath.txt")).trim() + ":"
                + target.resolve("test-classes") + ":" + target.resolve("classes");
        List<String> command = new ArrayList<>(List.of(NetnsLab.javaBin()));
        command.addAll(OPTIONS);
        command.addAll(List.of("-cp", classpath, BenchSpeaker.class.getName()));
        command.addAll(List.of(args));
        return new SpeakerJvm(lab, lab.start("speaker", ns, Map.of(), command));
    }

    public long pid() {
        return process.pid();
    }

    /** The speaker's output so far. */
    public String log() {
        return lab.log("speaker.log");
    }

    /** Writes one command line to the speaker's stdin. */
    public void command(String line) {
        try {
            OutputStream in = process.getOutputStream();
            in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            in.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends {@code line} and returns the words after {@code answer} of the next line starting with it. */
    public String[] ask(String line, String answer) throws InterruptedException {
        String marker = "\n" + answer + " ";
        int before = log().split(marker, -1).length;
        command(line);
        NetnsLab.await(Duration.ofSeconds(30), "the speaker's answer to " + line,
                () -> log().split(marker, -1).length > before, this::log);
        String[] parts = log().split(marker, -1);
        return parts[parts.length - 1].lines().findFirst().orElseThrow().split(" ");
    }

    /** Heap in use after two full collections, bytes. */
    public long heapAfterGc() throws InterruptedException {
        return Long.parseLong(ask("heap", "heap")[0]);
    }

    /** The UPDATEs session {@code name} has received. */
    public long updatesReceived(String name) throws InterruptedException {
        return Long.parseLong(ask("received " + name, "received " + name)[0]);
    }

    /** The resident set size of process {@code pid}, KiB. */
    public static long rssKb(long pid) throws IOException {
        return Files.readAllLines(Path.of("/proc", Long.toString(pid), "status")).stream()
                .filter(l -> l.startsWith("VmRSS:")).map(l -> l.replaceAll("[^0-9]", "")).mapToLong(Long::parseLong)
                .findFirst().orElseThrow();
    }
}
