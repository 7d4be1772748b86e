package io.barelb.announcer.bgp;

import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.AnnouncerContract;
import io.barelb.tck.AnnouncerStates;
import io.barelb.tck.Bird;
import io.barelb.tck.InvalidResource;
import io.barelb.tck.Resources;
import io.barelb.tck.TestPluginContext;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * The bgp announcer keeps the announcer contract of the plugin kit, against a real BIRD 2 on loopback (127.0.0.2,
 * passive): "announced" is what BIRD has learned from it.
 */
class BgpContractTest extends AnnouncerContract {


    /** BIRD listens here, passive, and learns from the announcer dialling from 127.0.0.1. */
    private static final String BIRD_ADDRESS = "127.0.0.2";

    private Bird bird;
    private int port;

    @BeforeEach
    void startBird() throws IOException {
        Bird.requireCommands("bird", "birdc");
        port = freePort();
        bird = Bird.start("""
                router id 198.51.100.254;
                protocol device { }
                protocol bgp speaker {
                  local %s port %d as 64513;
                  neighbor 127.0.0.1 as 64512;
                  passive on;
                  multihop;
                  ipv4 { import all; export none; next hop keep; gateway recursive; };
                }
                """.formatted(BIRD_ADDRESS, port), Map.of());
    }

    @AfterEach
    void stopBird() throws Exception {
        if (bird != null) {
            bird.close();
        }
    }

    @Override
    protected AnnouncerFactory factory() {
        return new BgpAnnouncerFactory();
    }

    @Override
    protected Announcer create(TestPluginContext context) {
        return new BgpAnnouncer("node-1", context, new LoopbackAddresses(), 0, java.time.Instant.EPOCH); // a kernel-picked listening port
    }

    private ConfigResource peer(Map<String, Object> extra) {
        Map<String, Object> spec = new HashMap<>(Map.of("myASN", 64512, "peerASN", 64513, "peerAddress",
                BIRD_ADDRESS, "peerPort", port, "holdTime", "9s", "connectTime", "1s"));
        spec.putAll(extra);
        return Resources.of("BGPPeer", "router", spec);
    }

    private AnnouncerState state(ConfigResource peer) {
        ConfigResource ad = Resources.of("BGPAdvertisement", "lab", Map.of("ipAddressPools", List.of("lab")));
        return AnnouncerStates.builder().resource(peer).resource(ad)
                .node(AnnouncerStates.node("node-1", "203.0.113.99", Map.of()))
                .advertise("default/web", "198.51.100.10", "lab", Set.of("node-1"), List.of(ad))
                .advertise("default/api", "198.51.100.11", "lab", Set.of("node-1", "node-2"), List.of(ad))
                .advertise("shop/cart", "198.51.100.11", "lab", Set.of("node-1", "node-2"), List.of(ad))
                .build();
    }

    @Override
    protected AnnouncerState desiredState() {
        return state(peer(Map.of()));
    }

    @Override
    protected Set<IpAddress> announcedNow() throws Exception {
        return bird.hostRoutes("speaker");
    }

    @Override
    protected AnnouncerState breakAnnouncing() {
        // the peer's password Secret is missing: the session is held back, which is a failure to report
        return state(peer(Map.of("passwordSecret", Map.of("name", "absent"))));
    }

    @Override
    protected AnnouncerState repairAnnouncing() {
        return desiredState();
    }

    @Override
    protected List<ConfigResource> validResources() {
        return List.of(peer(Map.of()),
                Resources.of("BGPAdvertisement", "lab", Map.of("ipAddressPools", List.of("lab"), "communities",
                        List.of("64512:100"), "localPref", 50)),
                Resources.of("BFDProfile", "fast", Map.of("receiveInterval", 300, "transmitInterval", 300)),
                Resources.of("Community", "named", Map.of("communities", List.of(Map.of("name", "edge",
                        "value", "64512:200")))));
    }

    @Override
    protected List<InvalidResource> invalidResources() {
        return List.of(
                new InvalidResource(Resources.of("BGPPeer", "short-hold", Map.of("myASN", 64512, "peerASN", 64513,
                        "peerAddress", "192.0.2.1", "holdTime", "1s")), "spec.holdTime"),
                new InvalidResource(Resources.of("BGPPeer", "no-asn", Map.of("peerASN", 64513,
                        "peerAddress", "192.0.2.1")), "spec.myASN"),
                new InvalidResource(Resources.of("BGPPeer", "bad-address", Map.of("myASN", 64512, "peerASN", 64513,
                        "peerAddress", "192.0.2.300")), "spec.peerAddress"),
                new InvalidResource(Resources.of("BGPAdvertisement", "wide", Map.of("aggregationLength", 40)),
                        "spec.aggregationLength"));
    }

    private static int freePort() throws IOException {
        Random random = new Random(20261203L);
        for (int attempt = 0; attempt < 50; attempt++) {
            int candidate = 10_000 + random.nextInt(6_000);
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(BIRD_ADDRESS), candidate));
                return candidate;
            } catch (IOException taken) {
                // try the next one
            }
        }
        throw new IOException("no free port in 10000-16000 on " + BIRD_ADDRESS);
    }
}
