package io.barelb.announcer.bgp.lab;

import io.barelb.testkit.NetnsLab;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * gobgpd as the reference in the labs, running in a namespace of a {@link NetnsLab} (API on 127.0.0.1:50051 there,
 * the {@code gobgp} CLI run in the same namespace): its TOML configuration, and MRT TABLE_DUMP_V2 files (RFC 6396) of host
 * routes for {@code gobgp mrt inject global}, the fastest bulk injection its CLI offers (one process streaming
 * every route over gRPC; {@code gobgp global rib add} per prefix is bound by process start-up).
 */
public final class Gobgp {

    /** One neighbor of gobgpd; {@code passive} waits for the peer to dial. */
    public record Neighbor(String address, long asn, String localAddress, boolean passive) {
    }

    private final NetnsLab lab;
    private final String ns;

    private Gobgp(NetnsLab lab, String ns) {
        this.lab = lab;
        this.ns = ns;
    }

    /** Starts gobgpd in {@code ns} (tracked by the lab as {@code gobgpd}) with {@link #config}. */
    public static Gobgp start(NetnsLab lab, String ns, long asn, String routerId, List<Neighbor> neighbors)
            throws IOException {
        java.nio.file.Path config = lab.dir().resolve("gobgpd.toml");
        Files.writeString(config, config(asn, routerId, neighbors));
        lab.start("gobgpd", ns, Map.of(), List.of("gobgpd", "-f", config.toString(), "-t", "toml", "-p",
                "--api-hosts", "127.0.0.1:50051", "--pprof-disable"));
        return new Gobgp(lab, ns);
    }

    /** The namespace gobgpd runs in. */
    public String ns() {
        return ns;
    }

    /** The daemon's PID. */
    public long pid() {
        return lab.pid("gobgpd");
    }

    /** Runs {@code gobgp WORDS} against the daemon and returns its output (fails on a non-zero exit). */
    public String cli(String... words) {
        List<String> command = new ArrayList<>(List.of("gobgp", "-u", "127.0.0.1", "-p", "50051"));
        command.addAll(List.of(words));
        try {
            return lab.exec(ns, command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of gobgpd's log, for failure messages. */
    public String logTail() {
        List<String> lines = lab.log("gobgpd.log").lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
    }

    /**
     * gobgpd's configuration: IPv4 unicast to each neighbor, hold 9 s, keepalive 3 s, connect retry and idle hold
     * after a reset 1 s (its defaults, 120 s and 30 s, would dominate a lab that bounces sessions).
     */
    public static String config(long asn, String routerId, List<Neighbor> neighbors) {
        StringBuilder toml = new StringBuilder("[global.config]\n  as = %d\n  router-id = \"%s\"\n".formatted(asn, routerId));
        for (Neighbor n : neighbors) {
            toml.append("""
                    [[neighbors]]
                      [neighbors.config]
                        neighbor-address = "%s"
                        peer-as = %d
                      [neighbors.transport.config]
                        local-address = "%s"
                        passive-mode = %s
                      [neighbors.timers.config]
                        connect-retry = 1
                        hold-time = 9
                        keepalive-interval = 3
                        idle-hold-time-after-reset = 1
                      [[neighbors.afi-safis]]
                        [neighbors.afi-safis.config]
                          afi-safi-name = "ipv4-unicast"
                    """.formatted(n.address(), n.asn(), n.localAddress(), n.passive()));
        }
        return toml.toString();
    }

    /**
     * An MRT TABLE_DUMP_V2 file: a PEER_INDEX_TABLE naming one peer ({@code nextHop}, AS {@code peerAsn}), then one
     * RIB_IPV4_UNICAST record per host route 10.0.0.0/32, 10.0.0.1/32, ... ({@code count} of them), each with
     * ORIGIN IGP, an empty AS_PATH and NEXT_HOP {@code nextHop}: the routes {@code BenchSpeaker fill} builds.
     */
    public static byte[] hostRoutes(int count, String nextHop, long peerAsn) {
        try {
            byte[] hop = InetAddress.getByName(nextHop).getAddress();
            ByteArrayOutputStream file = new ByteArrayOutputStream(count * 46 + 64);
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(body);
            out.write(hop); // collector BGP ID
            out.writeShort(0); // view name length
            out.writeShort(1); // peer count
            out.writeByte(0x02); // peer type: IPv4 address, 4-octet AS
            out.write(hop); // peer BGP ID
            out.write(hop); // peer address
            out.writeInt((int) peerAsn);
            record(file, 1, body.toByteArray());
            byte[] attributes = {0x40, 1, 1, 0, 0x40, 2, 0, 0x40, 3, 4, hop[0], hop[1], hop[2], hop[3]};
            for (int i = 0; i < count; i++) {
                body.reset();
                out.writeInt(i); // sequence number
                out.writeByte(32);
                out.writeInt((10 << 24) + i);
                out.writeShort(1); // entry count
                out.writeShort(0); // peer index
                out.writeInt(0); // originated time
                out.writeShort(attributes.length);
                out.write(attributes);
                record(file, 2, body.toByteArray());
            }
            return file.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void record(ByteArrayOutputStream file, int subtype, byte[] body) throws IOException {
        DataOutputStream out = new DataOutputStream(file);
        out.writeInt(0); // timestamp
        out.writeShort(13); // TABLE_DUMP_V2
        out.writeShort(subtype);
        out.writeInt(body.length);
        out.write(body);
    }
}
