package io.barelb.demo.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client asking for an address without pause: one {@code arping} every 20 ms from the client namespace,
 * each reply recorded with the time it was read, so the demo can say who answers and when the answer changed.
 */
final class ArpWatch implements AutoCloseable {

    private static final Pattern REPLY = Pattern.compile("bytes from ([0-9a-f:]{17}) \\(");

    private final Process process;
    private final List<Reply> replies = new ArrayList<>();
    private final Thread reader;

    private ArpWatch(Process process) {
        this.process = process;
        this.reader = new Thread(this::read, "barelb-demo-arping");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /** Starts asking for {@code address} from {@code namespace}'s {@code eth0}. */
    static ArpWatch start(String namespace, String address) {
        // stdbuf: arping's output is a pipe here, and each reply must arrive when it is printed
        List<String> command = List.of("ip", "netns", "exec", namespace, "stdbuf", "-oL", "arping", "-i", "eth0",
                "-W", "0.02", address);
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            process.getOutputStream().close();
            return new ArpWatch(process);
        } catch (IOException e) {
            throw new DemoNetworkException("cannot start arping in the client namespace: " + e.getMessage());
        }
    }

    private void read() {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                Matcher reply = REPLY.matcher(line);
                if (reply.find()) {
                    synchronized (replies) {
                        replies.add(new Reply(System.nanoTime(), reply.group(1)));
                        replies.notifyAll();
                    }
                }
            }
        } catch (IOException ended) {
            // the process was stopped
        }
    }

    /** The first reply read at or after {@code sinceNanos} from a MAC other than {@code except}, waiting up to {@code timeoutNanos}. */
    Optional<Reply> awaitReply(long sinceNanos, String except, long timeoutNanos) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutNanos;
        synchronized (replies) {
            while (true) {
                for (Reply reply : replies) {
                    if (reply.nanos() >= sinceNanos && !reply.mac().equals(except)) {
                        return Optional.of(reply);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return Optional.empty();
                }
                replies.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    @Override
    public void close() {
        process.destroyForcibly();
    }

    /** One ARP reply: when it was read and from which MAC. */
    record Reply(long nanos, String mac) {
    }
}
