package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The netlink socket opens without privileges, runs its reader thread and releases thread and descriptor on close.
 * (The events themselves are seen in the namespace lab, {@code LinkWatchLabIT}, where links can be changed.)
 */
class NetlinkLinkEventsTest {

    @Test
    void opensReadsOnItsOwnThreadAndReleasesItOnClose() throws Exception {
        NetlinkLinkEvents events = new NetlinkLinkEvents();
        LinkEvents.Listener ignoring = new LinkEvents.Listener() {
            @Override
            public void linkChanged(LinkEvent event) {
            }

            @Override
            public void malformed(String why) {
            }
        };

        boolean started = events.start(ignoring);

        assertThat(started).isTrue();
        assertThat(reader()).isPresent();
        assertThat(events.start(ignoring)).as("a second start keeps the one reader").isTrue();
        events.close();
        events.close();
        assertThat(reader()).as("the reader thread ends within the receive timeout").isEmpty();
        assertThat(events.start(ignoring)).as("closed for good").isFalse();
    }

    private static Optional<Thread> reader() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> thread.getName().equals("barelb-layer2-netlink") && thread.isAlive()).findFirst();
    }
}
