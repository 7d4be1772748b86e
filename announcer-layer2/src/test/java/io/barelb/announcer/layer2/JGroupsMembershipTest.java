package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** Two real JGroups members on the loopback interface. */
class JGroupsMembershipTest {

    @Test
    void membersSeeEachOtherShareHealthAndNoticeALeave() throws Exception {
        int portA = freePort();
        int portB = freePort();
        List<InetSocketAddress> seeds = List.of(new InetSocketAddress("127.0.0.1", portA),
                new InetSocketAddress("127.0.0.1", portB));
        String cluster = "test-" + System.nanoTime();
        JGroupsMembership a = new JGroupsMembership("node-a", settings(portA, seeds, cluster));
        JGroupsMembership b = new JGroupsMembership("node-b", settings(portB, seeds, cluster));
        try {
            a.start(() -> { });
            await(() -> a.view().active());
            b.start(() -> { });
            await(() -> a.view().alive().equals(Set.of("node-a", "node-b")) && b.view().alive().equals(a.view().alive()));

            b.publish(Set.of("eth0"));
            await(() -> a.view().usableInterfacesOf("node-b").equals(Optional.of(Set.of("eth0"))));
            b.publish(Set.of());
            await(() -> a.view().usableInterfacesOf("node-b").equals(Optional.of(Set.of())));

            b.close();
            await(() -> a.view().alive().equals(Set.of("node-a")));
            assertThat(a.view().isAlive("node-b")).isFalse();
            assertThat(a.view().usableInterfacesOf("node-b")).isEmpty();
        } finally {
            a.close();
            b.close();
        }
    }

    @Test
    void beforeJoiningTheViewSaysJoiningSoTheSpeakerClaimsNothing() {
        JGroupsMembership member = new JGroupsMembership("node-a",
                settings(7946, List.of(new InetSocketAddress("127.0.0.1", 7946)), "unused"));

        assertThat(member.view().phase()).isEqualTo(MembershipView.Phase.JOINING);
        assertThat(member.view().mayClaim(false)).isFalse();
        member.publish(Set.of("eth0"));
        assertThat(member.view().phase()).as("publishing before the join keeps it joining")
                .isEqualTo(MembershipView.Phase.JOINING);
        member.close();
    }

    @Test
    void aFirstNodeWhoseSeedsAreAllUnreachableFormsAGroupOfItsOwnWithinTheJoinWait() throws Exception {
        int own = freePort();
        List<InetSocketAddress> seeds = List.of(new InetSocketAddress("127.0.0.1", own),
                new InetSocketAddress("127.0.0.1", freePort()), new InetSocketAddress("127.0.0.1", freePort()));
        JGroupsMembership member = new JGroupsMembership("node-a", settings(own, seeds, "alone-" + System.nanoTime()));
        try {
            long started = System.nanoTime();
            member.start(() -> { });

            await(() -> member.view().phase() == MembershipView.Phase.JOINED);
            long millis = (System.nanoTime() - started) / 1_000_000;
            assertThat(member.view().alive()).containsExactly("node-a");
            assertThat(member.view().mayClaim(false)).isTrue();
            assertThat(millis).as("joined alone in %d ms, within the default join wait", millis)
                    .isLessThan(Layer2Settings.DEFAULT_JOIN_WAIT_MILLIS);
        } finally {
            member.close();
        }
    }

    @Test
    void aJoinThatFailsMeansNoMembershipSoTheSpeakerStillAnnounces() throws Exception {
        // 192.0.2.1 is not an address of this machine: binding to it fails
        JGroupsMembership member = new JGroupsMembership("node-a", new Layer2Settings(
                Optional.of(new InetSocketAddress("192.0.2.1", freePort())),
                List.of(new InetSocketAddress("192.0.2.1", 7946)), "failing-" + System.nanoTime(), 750, 100));
        try {
            member.start(() -> { });

            await(() -> member.view().phase() == MembershipView.Phase.NONE);
            assertThat(member.view().mayClaim(false)).isTrue();
            assertThat(member.view().isAlive("node-b")).isTrue();
        } finally {
            member.close();
        }
    }

    private static Layer2Settings settings(int port, List<InetSocketAddress> seeds, String cluster) {
        return new Layer2Settings(Optional.of(new InetSocketAddress("127.0.0.1", port)), seeds, cluster, 750, 100);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 20 s");
            }
            Thread.sleep(10);
        }
    }
}
