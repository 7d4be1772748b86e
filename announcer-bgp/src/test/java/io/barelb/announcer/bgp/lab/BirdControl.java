package io.barelb.announcer.bgp.lab;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One open connection to BIRD's control socket, for polling without a {@code birdc} process per question (a fork
 * costs milliseconds; a question here costs well under one). BIRD's reply lines start with a four-digit code and a
 * dash while more follow, a space on the last one (or a space alone for a continuation); replies are returned
 * without those, as {@code birdc} prints them.
 */
public final class BirdControl implements AutoCloseable {

    private static final Pattern COUNT = Pattern.compile("(\\d+) of \\d+ routes for \\d+ networks in table (\\S+)");
    private static final Pattern ESTABLISHED_SINCE =
            Pattern.compile("(?m)^(\\S+)\\s+BGP\\s+\\S+\\s+up\\s+(\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3})\\s+Established");

    private final SocketChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocate(1 << 16);

    public BirdControl(Path socket) throws IOException {
        channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        channel.connect(UnixDomainSocketAddress.of(socket));
        reply(); // the greeting
    }

    /** Connects once BIRD listens on {@code socket} (it creates the file a moment before it listens). */
    public static BirdControl await(Path socket, java.time.Duration limit) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + limit.toNanos();
        while (true) {
            try {
                return new BirdControl(socket);
            } catch (IOException e) {
                if (System.nanoTime() > deadline) {
                    throw new IOException("BIRD does not answer on " + socket + " after " + limit, e);
                }
                Thread.sleep(20);
            }
        }
    }

    /** The whole reply to {@code command}. */
    public String ask(String command) {
        try {
            channel.write(ByteBuffer.wrap((command + "\n").getBytes(StandardCharsets.UTF_8)));
            return reply();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Routes per table ({@code show route table A table B count}). */
    public Map<String, Integer> routeCounts(String... tables) {
        StringBuilder command = new StringBuilder("show route");
        for (String table : tables) {
            command.append(" table ").append(table);
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        Matcher m = COUNT.matcher(ask(command.append(" count").toString()));
        while (m.find()) {
            counts.put(m.group(2), Integer.parseInt(m.group(1)));
        }
        return counts;
    }

    /** The smallest route count of {@code tables}. */
    public int fewestRoutes(String... tables) {
        return routeCounts(tables).values().stream().mapToInt(Integer::intValue).min().orElse(0);
    }

    /** The largest route count of {@code tables}. */
    public int mostRoutes(String... tables) {
        return routeCounts(tables).values().stream().mapToInt(Integer::intValue).max().orElse(0);
    }

    /**
     * BGP protocols in Established and the moment they got there, as BIRD's {@code show protocols} prints it (the
     * configuration must set {@code timeformat protocol "%F %T.%3f"}).
     */
    public Map<String, String> establishedSince() {
        Map<String, String> since = new LinkedHashMap<>();
        Matcher m = ESTABLISHED_SINCE.matcher(ask("show protocols"));
        while (m.find()) {
            since.put(m.group(1), m.group(2));
        }
        return since;
    }

    private String reply() throws IOException {
        StringBuilder text = new StringBuilder();
        StringBuilder line = new StringBuilder();
        while (true) {
            buffer.clear();
            if (channel.read(buffer) < 0) {
                throw new IOException("BIRD closed its control socket; so far: " + text);
            }
            buffer.flip();
            String chunk = StandardCharsets.UTF_8.decode(buffer).toString();
            for (int i = 0; i < chunk.length(); i++) {
                char c = chunk.charAt(i);
                if (c != '\n') {
                    line.append(c);
                    continue;
                }
                boolean coded = line.length() >= 5 && Character.isDigit(line.charAt(0)) && Character.isDigit(line.charAt(3));
                boolean last = coded && line.charAt(4) == ' ';
                // without BIRD's codes, as birdc prints it
                text.append(coded ? line.substring(5) : line.toString().startsWith(" ") ? line.substring(1) : line).append('\n');
                line.setLength(0);
                if (last) {
                    return text.toString();
                }
            }
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
