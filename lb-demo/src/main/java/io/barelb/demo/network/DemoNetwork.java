package io.barelb.demo.network;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The demo's network: Linux network namespaces made for the run and deleted after it. A "switch" namespace holds
 * bridge {@code br0}; a client namespace and one namespace per node hang off it by veth pairs whose inner end is
 * {@code eth0}. Addresses come from the documentation range 198.51.100.0/24: client .100, node i .(10+i) with MAC
 * 02:00:00:00:00:(10+i). Nothing is created in the namespace the demo runs in.
 *
 * <p>Nodes answer ARP only for addresses on the receiving interface ({@code arp_ignore=1}), so that once the
 * Service address is put on their {@code lo}, as kube-proxy in IPVS mode does, only the speaker BareLB elected
 * answers for it.
 */
final class DemoNetwork implements AutoCloseable {

    static final String PREFIX = "198.51.100.";
    static final String CLIENT_IP = PREFIX + "100";

    private final String tag;
    private final int nodes;
    private final List<String> created = new ArrayList<>();

    DemoNetwork(int nodes) {
        this.tag = "bldemo" + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x1000, 0xFFFF));
        this.nodes = nodes;
    }

    String switchNs() {
        return tag + "-sw";
    }

    String clientNs() {
        return tag + "-client";
    }

    String nodeNs(int i) {
        return tag + "-n" + i;
    }

    int nodes() {
        return nodes;
    }

    static String nodeName(int i) {
        return "node-" + i;
    }

    static String nodeIp(int i) {
        return PREFIX + (10 + i);
    }

    static String nodeMac(int i) {
        return String.format(Locale.ROOT, "02:00:00:00:00:%02x", 10 + i);
    }

    /** Creates the namespaces, the bridge and the links; on failure removes what it made. */
    DemoNetwork build() {
        try {
            namespace(switchNs());
            ip(switchNs(), "link", "add", "br0", "type", "bridge");
            ip(switchNs(), "link", "set", "br0", "up");
            attach(clientNs(), "vc", CLIENT_IP, "02:00:00:00:00:64");
            for (int i = 1; i <= nodes; i++) {
                attach(nodeNs(i), "vn" + i, nodeIp(i), nodeMac(i));
                Host.run(List.of("ip", "netns", "exec", nodeNs(i), "sysctl", "-q", "-w", "net.ipv4.conf.all.arp_ignore=1",
                        "net.ipv4.conf.all.arp_announce=2"));
            }
            return this;
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Puts {@code address}/32 on every node's {@code lo}, as kube-proxy does with a LoadBalancer address. */
    void acceptOnNodes(String address) {
        for (int i = 1; i <= nodes; i++) {
            ip(nodeNs(i), "address", "add", address + "/32", "dev", "lo");
        }
    }

    private void attach(String namespace, String outer, String address, String mac) {
        namespace(namespace);
        ip(switchNs(), "link", "add", outer, "type", "veth", "peer", "name", "eth0", "netns", namespace);
        ip(switchNs(), "link", "set", outer, "master", "br0", "up");
        ip(namespace, "link", "set", "eth0", "address", mac);
        ip(namespace, "address", "add", address + "/24", "dev", "eth0");
        ip(namespace, "link", "set", "eth0", "up");
    }

    private void namespace(String name) {
        Host.run(List.of("ip", "netns", "add", name));
        created.add(name);
        ip(name, "link", "set", "lo", "up");
    }

    private static void ip(String namespace, String... arguments) {
        List<String> command = new ArrayList<>(List.of("ip", "-n", namespace));
        command.addAll(List.of(arguments));
        Host.run(command);
    }

    /** Deletes every namespace made (their links go with them). */
    @Override
    public void close() {
        for (int i = created.size() - 1; i >= 0; i--) {
            Host.attempt(List.of("ip", "netns", "del", created.get(i)));
        }
        created.clear();
    }
}
