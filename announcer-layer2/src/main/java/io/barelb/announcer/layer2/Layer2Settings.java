package io.barelb.announcer.layer2;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The layer2 plugin's own settings, asked of the host ({@code PluginContext.setting}: the operator's system
 * property {@code -Dbarelb.memberlist.bind=...} or environment variable {@code BARELB_MEMBERLIST_BIND}, else what
 * the speaker derived from the cluster: in Kubernetes it fills BIND and SEEDS from the Nodes' InternalIPs), and
 * failing that read from system properties and the environment directly:
 *
 * <table>
 *   <caption>settings</caption>
 *   <tr><th>variable</th><th>meaning</th><th>default</th></tr>
 *   <tr><td>BARELB_MEMBERLIST_BIND</td><td>ADDRESS[:PORT] this speaker's membership listens on (the node IP)</td>
 *       <td>none: membership off</td></tr>
 *   <tr><td>BARELB_MEMBERLIST_SEEDS</td><td>comma-separated ADDRESS[:PORT] of speakers to join</td>
 *       <td>none: membership off</td></tr>
 *   <tr><td>BARELB_MEMBERLIST_CLUSTER</td><td>group name; speakers of one cluster share it</td>
 *       <td>barelb-speakers</td></tr>
 *   <tr><td>BARELB_MEMBERLIST_TIMEOUT_MS</td><td>silence after which a speaker is suspected (a killed process
 *       is noticed at once through its closed sockets; this bounds a hung or cut-off node)</td><td>750</td></tr>
 *   <tr><td>BARELB_MEMBERLIST_JOIN_WAIT_MS</td><td>how long a starting speaker claims no address while it joins
 *       the group; past it (the join neither succeeded nor failed) it announces as without membership</td>
 *       <td>10000</td></tr>
 *   <tr><td>BARELB_LAYER2_LINK_WATCH</td><td>{@code netlink}: link changes arrive as RTM_NEWLINK messages, and
 *       link state is also read every {@link #NETLINK_BACKSTOP_POLL_MILLIS} ms as a backstop; {@code poll}: link
 *       state is only read every BARELB_LAYER2_LINK_POLL_MS</td><td>netlink</td></tr>
 *   <tr><td>BARELB_LAYER2_LINK_POLL_MS</td><td>how often link state is read when it is polled (no netlink, or
 *       netlink could not be opened)</td><td>100</td></tr>
 * </table>
 *
 * @param bind          where membership listens, or empty when membership is off
 * @param seeds         speakers to join (may include this one)
 * @param cluster       group name
 * @param timeoutMillis failure-detector timeout
 * @param linkPollMillis link-state poll period without netlink
 * @param joinWaitMillis the longest a starting speaker waits for its first view before it claims addresses
 * @param netlink       true to watch links through netlink (the poll then runs as a slow backstop)
 */
record Layer2Settings(Optional<InetSocketAddress> bind, List<InetSocketAddress> seeds, String cluster,
                      long timeoutMillis, long linkPollMillis, long joinWaitMillis, boolean netlink) {

    static final int DEFAULT_PORT = 7946;
    static final long DEFAULT_JOIN_WAIT_MILLIS = 10_000;
    /** The link poll period while netlink delivers link changes: a backstop for a lost or unparsed message. */
    static final long NETLINK_BACKSTOP_POLL_MILLIS = 2_000;

    Layer2Settings {
        seeds = List.copyOf(seeds);
    }

    /** With the default join wait and netlink on. */
    Layer2Settings(Optional<InetSocketAddress> bind, List<InetSocketAddress> seeds, String cluster,
                   long timeoutMillis, long linkPollMillis) {
        this(bind, seeds, cluster, timeoutMillis, linkPollMillis, DEFAULT_JOIN_WAIT_MILLIS, true);
    }

    /** True when speakers watch each other. */
    boolean membershipEnabled() {
        return bind.isPresent() && !seeds.isEmpty();
    }

    /** One setting from the system property ({@code barelb.memberlist.bind}), else the environment variable. */
    static String systemLookup(String name) {
        String property = System.getProperty(name.toLowerCase(java.util.Locale.ROOT).replace('_', '.'));
        return property != null ? property : System.getenv(name);
    }

    /**
     * From a lookup of variable names ({@code BARELB_MEMBERLIST_BIND}, ...).
     *
     * @throws IllegalArgumentException naming the variable, its value and the fix
     */
    static Layer2Settings from(UnaryOperator<String> lookup) {
        Optional<InetSocketAddress> bind = Optional.ofNullable(blankToNull(lookup.apply("BARELB_MEMBERLIST_BIND")))
                .map(text -> endpoint("BARELB_MEMBERLIST_BIND", text));
        List<InetSocketAddress> seeds = new ArrayList<>();
        String seedText = blankToNull(lookup.apply("BARELB_MEMBERLIST_SEEDS"));
        if (seedText != null) {
            for (String seed : seedText.split(",")) {
                if (!seed.isBlank()) {
                    seeds.add(endpoint("BARELB_MEMBERLIST_SEEDS", seed.trim()));
                }
            }
        }
        if (!seeds.isEmpty() && bind.isEmpty()) {
            throw new IllegalArgumentException("BARELB_MEMBERLIST_SEEDS is set but BARELB_MEMBERLIST_BIND is not: "
                    + "set it to this node's address, e.g. the pod's status.hostIP");
        }
        String cluster = Optional.ofNullable(blankToNull(lookup.apply("BARELB_MEMBERLIST_CLUSTER"))).orElse("barelb-speakers");
        long timeout = positive("BARELB_MEMBERLIST_TIMEOUT_MS", lookup.apply("BARELB_MEMBERLIST_TIMEOUT_MS"), 750);
        long poll = positive("BARELB_LAYER2_LINK_POLL_MS", lookup.apply("BARELB_LAYER2_LINK_POLL_MS"), 100);
        long joinWait = positive("BARELB_MEMBERLIST_JOIN_WAIT_MS", lookup.apply("BARELB_MEMBERLIST_JOIN_WAIT_MS"),
                DEFAULT_JOIN_WAIT_MILLIS);
        String watch = Optional.ofNullable(blankToNull(lookup.apply("BARELB_LAYER2_LINK_WATCH"))).orElse("netlink");
        if (!watch.equals("netlink") && !watch.equals("poll")) {
            throw new IllegalArgumentException("BARELB_LAYER2_LINK_WATCH \"" + watch + "\" must be netlink (link "
                    + "changes from the kernel, the default) or poll (read /sys/class/net every BARELB_LAYER2_LINK_POLL_MS)");
        }
        return new Layer2Settings(bind, seeds, cluster, timeout, poll, joinWait, watch.equals("netlink"));
    }

    private static InetSocketAddress endpoint(String variable, String text) {
        String host = text;
        int port = DEFAULT_PORT;
        int colon = text.lastIndexOf(':');
        boolean bracketed = text.startsWith("[");
        if (colon > 0 && (bracketed ? text.indexOf(']') < colon : text.indexOf(':') == colon)) {
            host = text.substring(0, colon);
            try {
                port = Integer.parseInt(text.substring(colon + 1));
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException(variable + " \"" + text + "\": the port must be 1-65535");
            }
        }
        host = host.replace("[", "").replace("]", "");
        if (io.barelb.api.net.IpAddress.tryParse(host) == null) {
            throw new IllegalArgumentException(variable + " \"" + text + "\": \"" + host
                    + "\" is not an IP address; write ADDRESS[:PORT] with a literal address");
        }
        return new InetSocketAddress(io.barelb.api.net.IpAddress.parse(host).toInetAddress(), port);
    }

    private static long positive(String variable, String text, long fallback) {
        if (blankToNull(text) == null) {
            return fallback;
        }
        try {
            long value = Long.parseLong(text.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " \"" + text + "\" must be a positive whole number of milliseconds");
    }

    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text.trim();
    }
}
