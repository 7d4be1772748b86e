package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.ExpectedPeerAs;
import io.barelb.announcer.bgp.fsm.SessionSettings;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.Community;
import io.barelb.announcer.bgp.wire.LargeCommunity;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.channel.EventLoop;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The speaker side of {@code BgpSessionLabIT}, run in a network namespace by {@code ip netns exec}: one
 * {@link BgpPeerSession} per argument {@code name,localAsn,peerAsn,peerAddress,sourceAddress,password|-}, next hops
 * the source address and {@code nextHopV6} (first argument). Reads commands on stdin:
 * {@code routes NAME PREFIX|LOCALPREF|COMMUNITIES|LARGE;...} (fields {@code -} when empty, lists comma-separated)
 * and {@code quit}. Prints {@code state NAME STATE} on every change, {@code connect NAME} on every attempt and
 * {@code updates NAME COUNT} whenever UPDATEs go out, each line followed by the wall clock in ms.
 */
public final class LabSpeaker {

    private LabSpeaker() {
    }

    public static void main(String[] args) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoop loop = group.next();
        Map<String, BgpPeerSession> sessions = started(loop, args);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] words = line.trim().split(" ", 3);
            if (words[0].equals("routes")) {
                sessions.get(words[1]).setRoutes(words.length < 3 ? Map.of() : parse(words[2]));
                print("applied " + words[1]);
            }
        }
        sessions.values().forEach(BgpPeerSession::stop);
        Thread.sleep(200);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
    }

    /** The sessions of {@code args} (the next hop, then one spec each) by name, started. */
    static Map<String, BgpPeerSession> started(EventLoop loop, String[] args) {
        IpAddress nextHopV6 = IpAddress.parse(args[0]);
        Map<String, BgpPeerSession> sessions = new java.util.LinkedHashMap<>();
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
            BgpPeerSession session = session(loop, nextHopV6, spec);
            sessions.put(spec.split(",")[0], session);
            session.start();
        }
        return sessions;
    }

    /**
     * A session (not started) from {@code name,localAsn,peerAsn,peerAddress,sourceAddress,password|-}: hold 9 s,
     * connect retry 1 s doubling up to 4 s, both families, and an observer that prints what the class comment says.
     */
    static BgpPeerSession session(EventLoop loop, IpAddress nextHopV6, String spec) {
        String[] f = spec.split(",");
        String name = f[0];
        long localAsn = Long.parseLong(f[1]);
        long peerAsn = Long.parseLong(f[2]);
        IpAddress peer = IpAddress.parse(f[3]);
        IpAddress source = IpAddress.parse(f[4]);
        Optional<String> password = f[5].equals("-") ? Optional.empty() : Optional.of(f[5]);
        SessionSettings settings = new SessionSettings(localAsn, ExpectedPeerAs.exactly(peerAsn), source,
                Duration.ofSeconds(9), Optional.empty(), Duration.ofSeconds(1), Duration.ofSeconds(4),
                List.of(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST), false, 120);
        BgpTransport transport = new BgpTransport(peer.toInetAddress(), 179, Optional.of(source.toInetAddress()),
                BgpTransport.ttlFor(localAsn == peerAsn, false), password);
        return new BgpPeerSession(name, new BgpFsm(settings, Clock.systemUTC()), SessionScheduler.of(loop),
                new EpollBgpConnector(loop, transport), Optional.of(source), Optional.of(nextHopV6), printing(name));
    }

    /** Prints {@code connect}, {@code state} and {@code updates} lines, with the wall clock in ms last. */
    private static SessionObserver printing(String name) {
        return new SessionObserver() {
            @Override
            public void updatesSent(int count) {
                print("updates " + name + " " + count);
            }

            @Override
            public void connecting() {
                print("connect " + name);
            }

            @Override
            public void stateChanged(SessionState from, SessionState to) {
                print("state " + name + " " + to);
            }
        };
    }

    /** One line on stdout, followed by the wall clock in ms. */
    static void print(String line) {
        System.out.println(line + " " + System.currentTimeMillis());
        System.out.flush();
    }

    private static Map<IpPrefix, RouteAttributes> parse(String routes) {
        Map<IpPrefix, RouteAttributes> out = new HashMap<>();
        for (String route : routes.split(";")) {
            String[] f = route.split("\\|");
            Optional<Long> localPref = f[1].equals("-") ? Optional.empty() : Optional.of(Long.parseLong(f[1]));
            List<Community> communities = f[2].equals("-") ? List.of() : Arrays.stream(f[2].split(","))
                    .map(c -> c.split(":")).map(c -> new Community(Integer.parseInt(c[0]), Integer.parseInt(c[1])))
                    .toList();
            List<LargeCommunity> large = f[3].equals("-") ? List.of() : Arrays.stream(f[3].split(","))
                    .map(c -> c.split(":")).map(c -> new LargeCommunity(Long.parseLong(c[0]), Long.parseLong(c[1]),
                            Long.parseLong(c[2]))).toList();
            out.put(IpPrefix.parse(f[0]), new RouteAttributes(localPref, communities, large));
        }
        return out;
    }
}
