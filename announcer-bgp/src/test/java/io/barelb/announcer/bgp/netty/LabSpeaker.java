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
 * {@code updates NAME COUNT} whenever UPDATEs go out.
 */
public final class LabSpeaker {

    private LabSpeaker() {
    }

    public static void main(String[] args) throws Exception {
        MultiThreadIoEventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        EventLoop loop = group.next();
        IpAddress nextHopV6 = IpAddress.parse(args[0]);
        Map<String, BgpPeerSession> sessions = new HashMap<>();
        for (String spec : Arrays.copyOfRange(args, 1, args.length)) {
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
            BgpPeerSession session = new BgpPeerSession(name, new BgpFsm(settings, Clock.systemUTC()),
                    SessionScheduler.of(loop), new EpollBgpConnector(loop, transport), Optional.of(source),
                    Optional.of(nextHopV6), new SessionObserver() {
                        @Override
                        public void updatesSent(int count) {
                            System.out.println("updates " + name + " " + count);
                            System.out.flush();
                        }

                        @Override
                        public void connecting() {
                            System.out.println("connect " + name);
                            System.out.flush();
                        }

                        @Override
                        public void stateChanged(SessionState from, SessionState to) {
                            System.out.println("state " + name + " " + to);
                            System.out.flush();
                        }
                    });
            sessions.put(name, session);
            session.start();
        }
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null && !line.equals("quit")) {
            String[] words = line.trim().split(" ", 3);
            if (words[0].equals("routes")) {
                sessions.get(words[1]).setRoutes(words.length < 3 ? Map.of() : parse(words[2]));
                System.out.println("applied " + words[1]);
                System.out.flush();
            }
        }
        sessions.values().forEach(BgpPeerSession::stop);
        Thread.sleep(200);
        group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
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
