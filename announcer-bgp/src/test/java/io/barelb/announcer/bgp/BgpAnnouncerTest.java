package io.barelb.announcer.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.TestPluginContext;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The announcer against a listening socket on loopback standing in for a router: it dials the BGPPeer, sends an
 * OPEN, reports the session in status and metrics, says Cease when the peer leaves the configuration, and stops its
 * event loops within the close deadline.
 */
class BgpAnnouncerTest {

    private static final ServiceKey WEB = new ServiceKey("default", "web");
    private static final IpAddress VIP = IpAddress.parse("198.51.100.10");

    private ServerSocket router;
    private TestPluginContext context;
    private BgpAnnouncer announcer;

    @BeforeEach
    void listen() throws IOException {
        // peerPort is 1-16384 (MetalLB's CRD): find a free one there, seeded so a failure can be replayed
        Random random = new Random(20261202L);
        IOException last = null;
        for (int attempt = 0; attempt < 50 && router == null; attempt++) {
            ServerSocket socket = new ServerSocket();
            try {
                socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 10_000 + random.nextInt(6_000)));
                router = socket;
            } catch (IOException e) {
                socket.close();
                last = e;
            }
        }
        assertThat(router).as("a free port in 10000-16000: %s", last).isNotNull();
        router.setSoTimeout(10_000);
        context = TestPluginContext.builder("bgp").node("node-1").secret("bgp-auth", "password", "s3cret").build();
        announcer = new BgpAnnouncer("node-1", context, new LoopbackAddresses(), 0, java.time.Instant.EPOCH); // listening on a port the kernel picks, never 179 on the host
    }

    @AfterEach
    void tearDown() throws IOException {
        announcer.close();
        context.close();
        router.close();
    }

    private AnnouncerState state(boolean withPeer, Map<String, Object> extraPeerFields) {
        Map<String, Object> peer = new java.util.HashMap<>(Map.of("myASN", 64512, "peerASN", 64513,
                "peerAddress", "127.0.0.1", "peerPort", router.getLocalPort(), "holdTime", "9s"));
        peer.putAll(extraPeerFields);
        ConfigResource ad = TestResources.of("BGPAdvertisement", "lab", Map.of("ipAddressPools", List.of("lab")));
        List<ConfigResource> resources = withPeer ? List.of(TestResources.peer("router", peer), ad) : List.of(ad);
        return new AnnouncerState(List.of(new Advertisement(WEB, VIP, "lab", java.util.Set.of("node-1"), List.of(ad),
                false)), resources);
    }

    @Test
    void dialsThePeerReportsTheSessionAndSaysCeaseWhenThePeerIsRemoved() throws Exception {
        announcer.apply(state(true, Map.of()));

        try (Socket connection = router.accept()) {
            connection.setSoTimeout(10_000);
            assertThat(nextMessageType(connection.getInputStream())).as("message type OPEN").isEqualTo(1);

            List<AnnouncementStatus> status = announcer.status();
            assertThat(status).hasSize(1);
            assertThat(status.get(0).announced()).isFalse();
            assertThat(status.get(0).message()).contains("peer router (127.0.0.1) is");
            assertThat(context.metrics().gauge(BgpMetrics.SESSION_UP, Map.of("peer", "127.0.0.1"))).contains(0.0);
            assertThat(context.metrics().gauge(BgpMetrics.ANNOUNCED_PREFIXES, Map.of("peer", "127.0.0.1"))).contains(0.0);
            // ServiceBGPStatus lists the peers the Service is configured to go to, whatever the session's state
            assertThat(announcer.serviceStatuses()).containsExactly(new io.barelb.api.announce.ServiceStatus(WEB,
                    Map.of("peers", List.of("router"))));

            announcer.apply(state(false, Map.of()));

            assertThat(untilEndOfStream(connection.getInputStream())).as("a NOTIFICATION (type 3) Cease, then EOF")
                    .contains(3);
            assertThat(context.metrics().gauge(BgpMetrics.SESSION_UP, Map.of("peer", "127.0.0.1"))).isEmpty();
            assertThat(announcer.status()).as("a new desired state, a new status").isNotSameAs(status);
            assertThat(announcer.status().get(0).message()).contains("no BGPPeer of node node-1");
            assertThat(announcer.serviceStatuses()).as("no peer, no ServiceBGPStatus").isEmpty();
        }
    }

    @Test
    void aMissingPasswordSecretHoldsThePeerBackAndSaysWhichSecret() throws Exception {
        announcer.apply(state(true, Map.of("passwordSecret", Map.of("name", "absent"))));

        AnnouncementStatus status = announcer.status().get(0);
        assertThat(status.state()).as("FAILED: the runtime warns and retries").isEqualTo(AnnouncementStatus.State.FAILED);
        assertThat(status.message()).contains("peer router waits").contains("absent");
        assertThat(announcer.serviceStatuses()).as("a peer held back is still one the Service is configured for")
                .containsExactly(new io.barelb.api.announce.ServiceStatus(WEB, Map.of("peers", List.of("router"))));
        router.setSoTimeout(1_500);
        assertThat(acceptsWithin()).as("no connection attempt without the password").isFalse();
    }

    @Test
    void theNodesLabelsSelectThePeerAndItsInternalIpIsTheRouterId() throws Exception {
        NodeFacts node = new NodeFacts("node-1", Map.of("rack", "r1"),
                List.of(new NodeFacts.Address("InternalIP", "203.0.113.99")));
        router.setSoTimeout(1_500);
        announcer.apply(withNode(state(true, Map.of("nodeSelectors", rack("r2"))), node));

        assertThat(announcer.status().get(0).message()).contains("no BGPPeer of node node-1");
        assertThat(announcer.serviceStatuses()).isEmpty();
        // nothing it is made of changed (no session here to move on): the very same lists, which the runtime's
        // report stops at
        assertThat(announcer.status()).isSameAs(announcer.status());
        assertThat(announcer.serviceStatuses()).isSameAs(announcer.serviceStatuses());
        assertThat(acceptsWithin()).as("a peer for rack r2 is not dialled from rack r1").isFalse();

        router.setSoTimeout(10_000);
        announcer.apply(withNode(state(true, Map.of("nodeSelectors", rack("r1"))), node));
        try (Socket connection = router.accept()) {
            connection.setSoTimeout(10_000);
            byte[] open = nextMessage(connection.getInputStream());
            assertThat(open[0]).as("OPEN").isEqualTo((byte) 1);
            // type, version, my AS (2), hold time (2), then the BGP identifier
            assertThat(java.util.Arrays.copyOfRange(open, 6, 10)).as("router ID = the Node's InternalIP")
                    .isEqualTo(IpAddress.parse("203.0.113.99").toBytes());
        }
    }

    private static List<Map<String, Object>> rack(String name) {
        return List.of(Map.of("matchLabels", Map.of("rack", name)));
    }

    private static AnnouncerState withNode(AnnouncerState state, NodeFacts node) {
        return new AnnouncerState(state.advertisements(), state.resources(), Map.of(node.name(), node));
    }

    @Test
    void closeWithdrawsAndStopsWithinItsDeadlineAndIsIdempotent() throws Exception {
        announcer.apply(state(true, Map.of()));
        try (Socket connection = router.accept()) {
            connection.setSoTimeout(10_000);
            assertThat(nextMessageType(connection.getInputStream())).as("message type OPEN").isEqualTo(1);
            long start = System.nanoTime();
            announcer.close();
            long millis = (System.nanoTime() - start) / 1_000_000;
            assertThat(millis).isLessThanOrEqualTo(BgpAnnouncer.CLOSE_DEADLINE_MILLIS + 1_000);
            assertThat(untilEndOfStream(connection.getInputStream())).contains(3);
            announcer.close();
            assertThat(announcer.status()).isEmpty();
        }
    }

    private boolean acceptsWithin() throws IOException {
        try (Socket connection = router.accept()) {
            return connection.isConnected();
        } catch (java.net.SocketTimeoutException e) {
            return false;
        }
    }

    /** The BGP message types read until the peer closes (the socket's 10 s timeout fails the test). */
    private static List<Integer> untilEndOfStream(InputStream in) throws IOException {
        List<Integer> types = new java.util.ArrayList<>();
        for (int type = nextMessageType(in); type >= 0; type = nextMessageType(in)) {
            types.add(type);
        }
        return types;
    }

    /** Reads one whole message (after checking its marker) and returns its type; -1 at the end of the stream. */
    private static int nextMessageType(InputStream in) throws IOException {
        byte[] message = nextMessage(in);
        return message.length == 0 ? -1 : message[0] & 0xFF;
    }

    /** The next message's type octet followed by its body; empty at the end of the stream. */
    private static byte[] nextMessage(InputStream in) throws IOException {
        byte[] header = in.readNBytes(19);
        if (header.length < 19) {
            return new byte[0];
        }
        for (int i = 0; i < 16; i++) {
            assertThat(header[i]).as("marker octet %d", i).isEqualTo((byte) 0xFF);
        }
        int length = ((header[16] & 0xFF) << 8) | (header[17] & 0xFF);
        assertThat(length).as("message length").isBetween(19, 4096);
        byte[] body = in.readNBytes(length - 19);
        assertThat(body).hasSize(length - 19);
        byte[] message = new byte[body.length + 1];
        message[0] = header[18];
        System.arraycopy(body, 0, message, 1, body.length);
        return message;
    }
}
