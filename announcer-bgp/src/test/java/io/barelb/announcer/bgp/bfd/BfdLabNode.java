package io.barelb.announcer.bgp.bfd;

import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.netty.BfdIoSettings;
import io.barelb.announcer.bgp.bfd.netty.BfdSessionListener;
import io.barelb.announcer.bgp.bfd.netty.BfdSessionStatus;
import io.barelb.announcer.bgp.bfd.netty.BfdSessions;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.PrintStream;
import java.net.InetAddress;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Our BFD side of the lab, a JVM of its own inside a network namespace (Java cannot enter one per thread).
 * {@code BfdLabNode INTERVAL_MS MULT PEER...}: runs {@link BfdSessions} with a session to every peer and prints
 * one line per event, flushed, with the wall clock in epoch microseconds:
 * {@code UP peer micros}, {@code DOWN peer diag micros}, and every 500 ms {@code STATUS peer state tx detection}.
 */
public final class BfdLabNode {

    private BfdLabNode() {
    }

    public static void main(String[] args) throws Exception {
        long intervalMicros = Long.parseLong(args[0]) * 1_000;
        int mult = Integer.parseInt(args[1]);
        PrintStream out = System.out;
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        BfdSessions sessions = new BfdSessions(group, BfdIoSettings.singleHop(), System::nanoTime, new SecureRandom());
        sessions.addListener(new BfdSessionListener() {
            @Override
            public void sessionUp(InetAddress peer) {
                line(out, "UP " + peer.getHostAddress() + " " + micros());
            }

            @Override
            public void sessionDown(InetAddress peer, BfdDiagnostic diagnostic) {
                line(out, "DOWN " + peer.getHostAddress() + " " + diagnostic.code() + " " + micros());
            }
        });
        sessions.start();
        for (int i = 2; i < args.length; i++) {
            sessions.add(InetAddress.getByName(args[i]), BfdSessionConfig.singleHop(intervalMicros, intervalMicros, mult, false));
        }
        line(out, "READY " + micros());
        while (true) {
            Thread.sleep(500);
            for (BfdSessionStatus status : sessions.statuses()) {
                line(out, "STATUS " + status.peer().getHostAddress() + " " + status.state().rfcName() + " "
                        + status.transmitIntervalMicros() + " " + status.detectionTimeMicros() + " sent "
                        + status.packetsSent() + " received " + status.packetsReceived() + " port " + status.sourcePort());
            }
        }
    }

    private static synchronized void line(PrintStream out, String text) {
        out.println(text);
        out.flush();
    }

    static long micros() {
        return ChronoUnit.MICROS.between(Instant.EPOCH, Instant.now());
    }
}
