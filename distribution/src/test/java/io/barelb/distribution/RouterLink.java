package io.barelb.distribution;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The BGP labs' network: a router namespace ({@code TAG-r}) and a node namespace ({@code TAG-n}) joined by one veth
 * pair whose ends are both {@code eth0}, up, with loopbacks up. Closing deletes both namespaces (and the link).
 */
final class RouterLink implements AutoCloseable {

    private final String routerNs;
    private final String nodeNs;
    private final List<String> created = new ArrayList<>();

    private RouterLink(String tag) {
        this.routerNs = tag + "-r";
        this.nodeNs = tag + "-n";
    }

    /** Builds both namespaces and the link; on failure removes what it made. */
    static RouterLink create(String tag) throws IOException {
        RouterLink link = new RouterLink(tag);
        try {
            for (String ns : List.of(link.routerNs, link.nodeNs)) {
                NetnsLab.run("ip", "netns", "add", ns);
                link.created.add(ns);
                NetnsLab.run("ip", "-n", ns, "link", "set", "lo", "up");
            }
            NetnsLab.run("ip", "-n", link.routerNs, "link", "add", "eth0", "type", "veth", "peer", "name", "eth0",
                    "netns", link.nodeNs);
            for (String ns : List.of(link.routerNs, link.nodeNs)) {
                NetnsLab.run("ip", "-n", ns, "link", "set", "eth0", "up");
            }
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /**
     * {@link #create} with both ends dual-stack and duplicate address detection off: the router 203.0.113.1/24 and
     * 2001:db8:113::1/64, the node 203.0.113.2/24 and 2001:db8:113::2/64.
     */
    static RouterLink createDualStack(String tag) throws IOException {
        RouterLink link = create(tag);
        try {
            for (String ns : List.of(link.routerNs, link.nodeNs)) {
                NetnsLab.run("ip", "netns", "exec", ns, "sysctl", "-qw", "net.ipv6.conf.all.accept_dad=0",
                        "net.ipv6.conf.default.accept_dad=0");
            }
            address(link.routerNs, "203.0.113.1/24", "2001:db8:113::1/64");
            address(link.nodeNs, "203.0.113.2/24", "2001:db8:113::2/64");
            return link;
        } catch (IOException | RuntimeException e) {
            link.close();
            throw e;
        }
    }

    String routerNs() {
        return routerNs;
    }

    String nodeNs() {
        return nodeNs;
    }

    /** Adds {@code cidrs} to {@code ns}'s {@code eth0}; IPv6 ones without duplicate address detection. */
    static void address(String ns, String... cidrs) throws IOException {
        for (String cidr : cidrs) {
            if (cidr.contains(":")) {
                NetnsLab.run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0", "nodad");
            } else {
                NetnsLab.run("ip", "-n", ns, "addr", "add", cidr, "dev", "eth0");
            }
        }
    }

    @Override
    public void close() {
        for (String ns : created) {
            try {
                NetnsLab.run("ip", "netns", "del", ns);
            } catch (IOException ignored) {
                // already gone
            }
        }
        created.clear();
    }
}
