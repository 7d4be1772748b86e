package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The speaker side of the GoBGP labs ({@code BgpGobgpBenchmarkIT}, {@code ReceivedRoutesLabIT}), run in a network
 * namespace by {@code ip netns exec}: the sessions of {@link LabSpeaker#session} (same arguments), on one epoll
 * event loop, as the plugin runs them. Commands on stdin, each answered by one line ending in the wall clock (ms):
 * <ul>
 * <li>{@code fill N}: every session's desired set becomes the N /32s from 10.0.0.0 up, plain attributes (the map
 *     is built when the command arrives, so building it is part of the measured time); answers {@code applied};
 * <li>{@code empty}: every desired set becomes empty (all withdrawn); answers {@code applied};
 * <li>{@code heap}: two full collections, then {@code heap USED_BYTES};
 * <li>{@code received NAME}: {@code received NAME UPDATES STATE}, the UPDATEs the peer sent us (counted, never
 *     stored) and the session's state, read on the event loop;
 * <li>{@code quit}.
 * </ul>
 */
public final class BenchSpeaker {

    private BenchSpeaker() {
    }

    public static void main(String[] args) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoop loop = group.next();
        Map<String, BgpPeerSession> sessions = LabSpeaker.started(loop, args);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] words = line.trim().split(" ");
            switch (words[0]) {
                case "fill" -> {
                    Map<IpPrefix, RouteAttributes> routes = hosts(Integer.parseInt(words[1]));
                    sessions.values().forEach(session -> session.setRoutes(routes));
                    LabSpeaker.print("applied");
                }
                case "empty" -> {
                    sessions.values().forEach(session -> session.setRoutes(Map.of()));
                    LabSpeaker.print("applied");
                }
                case "heap" -> {
                    System.gc();
                    System.gc();
                    LabSpeaker.print("heap " + ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
                }
                case "received" -> {
                    BgpPeerSession session = sessions.get(words[1]);
                    long updates = loop.submit(() -> session.fsm().updatesReceived()).get(10, TimeUnit.SECONDS);
                    LabSpeaker.print("received " + words[1] + " " + updates + " " + session.state());
                }
                default -> LabSpeaker.print("unknown command " + line);
            }
        }
        sessions.values().forEach(BgpPeerSession::stop);
        Thread.sleep(200);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
    }

    /** The {@code count} host routes 10.0.0.0/32, 10.0.0.1/32, ... */
    static Map<IpPrefix, RouteAttributes> hosts(int count) {
        Map<IpPrefix, RouteAttributes> routes = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++) {
            routes.put(IpPrefix.host(IpAddress.ipv4((10 << 24) + i)), RouteAttributes.PLAIN);
        }
        return routes;
    }
}
