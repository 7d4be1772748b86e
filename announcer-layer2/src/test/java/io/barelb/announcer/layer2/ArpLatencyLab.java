package io.barelb.announcer.layer2;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Builds the namespace lab, starts three mini speakers, and runs the JMH {@link ArpLatencyBenchmark} inside the
 * client namespace; tears everything down afterwards. Run as root from {@code announcer-layer2/}:
 * <pre>
 * mvn -B -q -pl announcer-layer2 -am test-compile -DskipTests
 * cd announcer-layer2 && java -cp "$(cat target/test-classpath.txt):target/test-classes:target/classes" \
 *     io.barelb.announcer.layer2.ArpLatencyLab [JMH options, default -f 1 -wi 3 -w 2s -i 5 -r 3s]
 * </pre>
 * JMH results are written to {@code target/arp-latency.json}.
 */
public final class ArpLatencyLab {

    private ArpLatencyLab() {
    }

    public static void main(String[] args) throws Exception {
        List<String> all = IntStream.rangeClosed(1, 3).mapToObj(MiniSpeakerLab::nodeName).toList();
        try (MiniSpeakerLab lab = new MiniSpeakerLab(3)) {
            lab.speakerJvmOptions(List.of("-XX:+UseSerialGC", "-Xmx128m", "-Djava.net.preferIPv4Stack=true"));
            lab.build();
            for (int i = 1; i <= 3; i++) {
                lab.writeState(i, "service=default/web address=" + MiniSpeakerLab.VIP + " candidates=" + String.join(",", all) + "\n");
            }
            lab.startSpeaker(1);
            lab.await(Duration.ofSeconds(30), "node-1 to start", () -> lab.announcers(MiniSpeakerLab.VIP).contains(1));
            lab.startSpeaker(2);
            lab.startSpeaker(3);
            lab.await(Duration.ofSeconds(60), "one announcer", () -> lab.announcers(MiniSpeakerLab.VIP).size() == 1
                    && IntStream.rangeClosed(1, 3).allMatch(i -> lab.status(i).contains("owner is")
                    || lab.status(i).contains(" true ")));
            List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", lab.clientNs(), MiniSpeakerLab.javaBin(),
                    "-cp", MiniSpeakerLab.testClassPath(), "org.openjdk.jmh.Main", ArpLatencyBenchmark.class.getName(),
                    "-rf", "json", "-rff", java.nio.file.Path.of("target", "arp-latency.json").toAbsolutePath().toString()));
            command.addAll(args.length > 0 ? List.of(args) : List.of("-f", "1", "-wi", "3", "-w", "2s", "-i", "5", "-r", "3s"));
            Process jmh = new ProcessBuilder(command).inheritIO().start();
            int exit = jmh.waitFor();
            if (exit != 0) {
                throw new IOException("JMH exited " + exit);
            }
        }
    }
}
