package io.barelb.announcer.bgp.netty;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.testkit.NetnsLab;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * BIRD 2 against {@link BgpPeerSession} in network namespaces (root and bird2 required; skipped with the reason
 * otherwise, failed under CI=true). {@link NetnsLab} with one node: BIRD runs in the client namespace
 * (192.0.2.100, 2001:db8::100), the speaker ({@link LabSpeaker}, a JVM started with {@code ip netns exec}) in the
 * node namespace, one session per source address: eBGP from .11, iBGP from .12, eBGP with the right MD5 key from
 * .13 and with a wrong key from .14.
 */
class BgpSessionLabIT {

    private static final String EBGP_V4 = "203.0.113.10/32";
    private static final String EBGP_V6 = "2001:db8:ff::10/128";
    private static final String IBGP_V4 = "203.0.113.20/32";
    private static final String IBGP_V6 = "2001:db8:ff::20/128";
    private static final String MD5_V4 = "203.0.113.30/32";

    /** BIRD's protocol names ("ebgp" is a keyword there). */
    private static final String BIRD_PREFIX = "peer_";

    private static NetnsLab lab;
    private static Process speaker;
    private static Path birdConfig;
    private static Path birdSocket;

    @BeforeAll
    static void buildLab() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "bird", "birdc");
        lab = new NetnsLab("blb-bgpfsm-", 1, false).build();
        String node = lab.nodeNs(1);
        for (String extra : List.of("192.0.2.12/24", "192.0.2.13/24", "192.0.2.14/24")) {
            NetnsLab.run("ip", "-n", node, "addr", "add", extra, "dev", "eth0");
        }
        birdConfig = lab.dir().resolve("bird.conf");
        birdSocket = lab.dir().resolve("bird.ctl");
        Files.writeString(birdConfig, birdConfig());
        startBird();
        Path target = Path.of("target").toAbsolutePath();
        String classpath = Files.readString(target.resolve("test-classpath.txt")).trim() + ":"
                + target.resolve("test-classes") + ":" + target.resolve("classes");
        speaker = lab.start("speaker", node, Map.of(), List.of(NetnsLab.javaBin(), "-Xmx128m", "-cp", classpath,
                LabSpeaker.class.getName(), "2001:db8::11",
                "ebgp,64512,64513,192.0.2.100,192.0.2.11,-",
                "ibgp,64512,64512,192.0.2.100,192.0.2.12,-",
                "md5ok,64512,64513,192.0.2.100,192.0.2.13,s3cret-key",
                "md5bad,64512,64513,192.0.2.100,192.0.2.14,not-the-key"));
    }

    @AfterAll
    static void tearDown() throws IOException {
        if (speaker != null && speaker.isAlive()) {
            command("quit");
        }
        if (lab != null) {
            lab.close();
        }
    }

    private static String birdConfig() {
        StringBuilder config = new StringBuilder("""
                router id 192.0.2.100;
                protocol device { }
                protocol direct { ipv4; ipv6; }
                """);
        String[][] peers = {{"ebgp", "64513", "192.0.2.11", ""}, {"ibgp", "64512", "192.0.2.12", "direct;"},
                {"md5ok", "64513", "192.0.2.13", "password \"s3cret-key\";"},
                {"md5bad", "64513", "192.0.2.14", "password \"s3cret-key\";"}};
        for (String[] peer : peers) {
            config.append("protocol bgp ").append(BIRD_PREFIX).append(peer[0]).append(" {\n")
                    .append("  local 192.0.2.100 as ").append(peer[1]).append(";\n")
                    .append("  neighbor ").append(peer[2]).append(" as 64512;\n")
                    .append("  passive on;\n  ").append(peer[3]).append("\n")
                    .append("  ipv4 { import all; export none; gateway direct; };\n")
                    .append("  ipv6 { import all; export none; gateway direct; };\n}\n");
        }
        return config.toString();
    }

    private static void startBird() throws IOException {
        lab.start("bird", lab.clientNs(), Map.of(), List.of("bird", "-f", "-c", birdConfig.toString(), "-s",
                birdSocket.toString(), "-P", lab.dir().resolve("bird.pid").toString()));
    }

    private static String birdc(String... words) {
        try {
            String[] command = new String[words.length + 3];
            command[0] = "birdc";
            command[1] = "-s";
            command[2] = birdSocket.toString();
            System.arraycopy(words, 0, command, 3, words.length);
            return lab.execAllowingFailure(lab.clientNs(), command);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean established(String session) {
        String protocol = BIRD_PREFIX + session;
        return birdc("show", "protocols", protocol).lines().anyMatch(l -> l.startsWith(protocol) && l.contains("Established"));
    }

    private static String route(String prefix) {
        return birdc("show", "route", "all", "for", prefix);
    }

    private static boolean hasRoute(String prefix) {
        return birdc("show", "route", prefix).contains(prefix);
    }

    private static void command(String line) throws IOException {
        OutputStream in = speaker.getOutputStream();
        in.write((line + "\n").getBytes(StandardCharsets.UTF_8));
        in.flush();
    }

    private static String state() {
        return birdc("show", "protocols") + "\n--- speaker log ---\n" + lab.log("speaker.log") + "\n--- bird ---\n"
                + lab.log("bird.log");
    }

    private static void await(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        NetnsLab.await(Duration.ofSeconds(40), what, condition, BgpSessionLabIT::state);
    }

    @Test
    void birdLearnsWithdrawsAndRelearnsOurRoutes() throws Exception {
        command("routes ebgp " + EBGP_V4 + "|-|64512:7|64512:1:2;" + EBGP_V6 + "|-|64512:7|64512:1:2");
        command("routes ibgp " + IBGP_V4 + "|250|-|-;" + IBGP_V6 + "|250|-|-");
        command("routes md5ok " + MD5_V4 + "|-|-|-");
        await("eBGP, iBGP and the right MD5 key Established",
                () -> established("ebgp") && established("ibgp") && established("md5ok"));
        await("every route in BIRD", () -> hasRoute(EBGP_V4) && hasRoute(EBGP_V6) && hasRoute(IBGP_V4)
                && hasRoute(IBGP_V6) && hasRoute(MD5_V4));

        String ebgp = route(EBGP_V4);
        assertTrue(ebgp.contains("via 192.0.2.11"), ebgp);
        assertTrue(ebgp.contains("BGP.as_path: 64512"), ebgp);
        assertTrue(ebgp.contains("BGP.community: (64512,7)"), ebgp);
        assertTrue(ebgp.contains("BGP.large_community: (64512, 1, 2)"), ebgp);
        String ebgp6 = route(EBGP_V6);
        assertTrue(ebgp6.contains("via 2001:db8::11"), ebgp6);
        assertTrue(ebgp6.contains("BGP.community: (64512,7)"), ebgp6);
        String ibgp = route(IBGP_V4);
        assertTrue(ibgp.contains("via 192.0.2.12"), ibgp);
        assertTrue(ibgp.contains("BGP.local_pref: 250"), ibgp);
        assertTrue(route(IBGP_V6).contains("BGP.local_pref: 250"), route(IBGP_V6));
        assertFalse(established("md5bad"), "a wrong MD5 key must get no session\n" + state());

        // BIRD asks for our routes again with ROUTE-REFRESH (RFC 2918): the session answers, stays up
        int batches = lab.log("speaker.log").split("updates ebgp ", -1).length;
        String refreshed = birdc("reload", "in", BIRD_PREFIX + "ebgp");
        assertTrue(refreshed.contains("reload"), refreshed);
        await("the route-refresh answered with our routes", () -> lab.log("speaker.log").split("updates ebgp ", -1)
                .length > batches && established("ebgp") && hasRoute(EBGP_V4) && hasRoute(EBGP_V6));
        assertFalse(lab.log("speaker.log").contains("state ebgp IDLE"), "a ROUTE-REFRESH must not reset\n" + state());

        command("routes ebgp " + EBGP_V6 + "|-|64512:7|64512:1:2");
        await("the withdrawn /32 gone from BIRD", () -> !hasRoute(EBGP_V4));
        assertTrue(hasRoute(EBGP_V6), "the other route stays\n" + state());

        lab.kill("bird");
        await("the speaker noticing BIRD is gone", () -> lab.log("speaker.log").contains("state ebgp IDLE"));
        startBird();
        await("sessions re-established after BIRD restarted", () -> established("ebgp") && established("ibgp"));
        await("routes restored after BIRD restarted", () -> hasRoute(EBGP_V6) && hasRoute(IBGP_V4)
                && hasRoute(IBGP_V6));
        assertFalse(hasRoute(EBGP_V4), "the withdrawn route stays withdrawn\n" + state());

        await("three connection attempts with the wrong MD5 key",
                () -> lab.log("speaker.log").split("connect md5bad", -1).length > 3);
        assertFalse(established("md5bad"), "a wrong MD5 key never gets a session\n" + state());
        assertFalse(lab.log("speaker.log").contains("state md5bad ESTABLISHED"), state());
        assertTrue(lab.log("speaker.log").contains("BGP peer md5bad: no answer to the connection attempt"),
                "a clear log line for the wrong key\n" + state());
    }
}
