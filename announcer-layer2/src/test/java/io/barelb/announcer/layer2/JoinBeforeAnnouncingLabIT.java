package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import io.barelb.testkit.Requirements;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A starting speaker does not announce before it has joined the membership group: two node namespaces, node-1's
 * speaker started alone (it forms a group of one and announces the VIP), then node-2's, which wins the election
 * of 192.0.2.200 among the two. tcpdump in the client namespace records every ARP frame while the client asks
 * for the VIP all along; no frame about the VIP may leave node-2's MAC before node-2's speaker logged its first
 * view. Membership runs on the announcing network, as in a cluster without a management network.
 */
class JoinBeforeAnnouncingLabIT {

    private static final Pattern VIEW_LINE = Pattern.compile("^(\\d{2}:\\d{2}:\\d{2}\\.\\d{3}) .*layer2 membership view ",
            Pattern.MULTILINE);
    private static final Duration CONVERGENCE = Duration.ofSeconds(30);

    private MiniSpeakerLab lab;

    @BeforeEach
    void buildLab() throws Exception {
        Requirements.requireRoot();
        Requirements.requireCommands("ip", "arping", "tcpdump", "setpriv");
        Requirements.requireLibrary("libpcap.so.0.8");
        lab = new MiniSpeakerLab(2, false).build();
        for (int i = 1; i <= 2; i++) {
            lab.writeState(i, "service=default/web address=" + MiniSpeakerLab.VIP + " candidates=node-1,node-2"
                    + " interfaces=eth0\n");
        }
    }

    @AfterEach
    void tearDown() {
        if (lab != null) {
            lab.close();
        }
    }

    @Test
    void aSecondSpeakerNeverAnswersForTheVipBeforeItHasJoined() throws Exception {
        assertThat(OwnerElection.owner(IpAddress.parse(MiniSpeakerLab.VIP), List.of("node-1", "node-2"))).contains("node-2");
        lab.background(lab.clientNs(), "arp.log", "tcpdump", "-l", "-n", "-e", "-tt", "-i", "eth0", "arp");
        lab.await(Duration.ofSeconds(10), "tcpdump to start", () -> lab.log("arp.log").contains("listening on"));
        long firstStarted = System.currentTimeMillis();
        lab.startSpeaker(1);
        lab.await(CONVERGENCE, "node-1, alone, to announce", () -> lab.announcers(MiniSpeakerLab.VIP).equals(List.of(1)));
        long firstGratuitous = lab.firstGratuitousAfter("arp.log", MiniSpeakerLab.nodeMac(1), firstStarted);
        System.out.printf("layer2 first speaker, seeds unreachable: %d ms from its start to its first gratuitous ARP%n",
                firstGratuitous - firstStarted);
        // the client asks all along (broadcast requests every 50 ms), so a speaker answering early would be caught
        lab.background(lab.clientNs(), "arping.log", "arping", "-i", "eth0", "-c", "400", "-W", "0.05",
                MiniSpeakerLab.VIP);

        long secondStarted = System.currentTimeMillis();
        lab.startSpeaker(2);

        lab.await(CONVERGENCE, "node-2 to take over from node-1", () -> lab.announcers(MiniSpeakerLab.VIP).equals(List.of(2))
                && lab.status(1).contains("owner is node-2"));
        lab.await(CONVERGENCE, "node-2 to log its first membership view", () -> VIEW_LINE.matcher(lab.speakerLog(2)).find());
        long joined = firstViewMillis(lab.speakerLog(2));
        // the speaker reports itself owner as it sends its first gratuitous ARP; tcpdump prints the frame a moment later
        lab.await(CONVERGENCE, "tcpdump to show a frame about the VIP from node-2", () -> TcpdumpArp.firstAbout(
                lab.log("arp.log"), MiniSpeakerLab.nodeMac(2), MiniSpeakerLab.VIP) > 0);
        long firstFromNode2 = TcpdumpArp.firstAbout(lab.log("arp.log"), MiniSpeakerLab.nodeMac(2), MiniSpeakerLab.VIP);
        System.out.printf("layer2 second speaker: first view %d ms after its start, first frame for the VIP %d ms after"
                + " that%n", joined - secondStarted, firstFromNode2 - joined);
        assertThat(firstFromNode2).as("node-2 sends something for the VIP once it owns it").isPositive();
        assertThat(firstFromNode2).as("node-2's first frame for the VIP (%d) must not come before its first view (%d)\n%s",
                firstFromNode2, joined, lab.log("arp.log")).isGreaterThanOrEqualTo(joined);
        assertThat(lab.log("arping.log")).as("the client got answers throughout").contains("bytes from");
    }

    /** Wall-clock ms of the first "layer2 membership view" line of a speaker log (today, this machine's zone). */
    private static long firstViewMillis(String log) {
        Matcher matcher = VIEW_LINE.matcher(log);
        assertThat(matcher.find()).as("a membership view line in\n%s", log).isTrue();
        return LocalDate.now().atTime(LocalTime.parse(matcher.group(1))).atZone(ZoneId.systemDefault())
                .toInstant().toEpochMilli();
    }
}
