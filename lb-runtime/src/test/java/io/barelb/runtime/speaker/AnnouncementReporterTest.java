package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.net.IpAddress;
import io.barelb.runtime.host.PrometheusMetrics;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The speaker's nodeAssigned Event names where an address is announced: the peers for BGP, as for any protocol. */
class AnnouncementReporterTest {

    private static final ServiceKey WEB = new ServiceKey("web", "nginx");

    @Test
    void nodeAssignedNamesThePeersOnceAndAgainAfterTheAddressWasWithdrawn() {
        RecordingEvents events = new RecordingEvents();
        AnnouncementReporter reporter = new AnnouncementReporter("node-a", events, PrometheusMetrics.standalone());
        AnnouncementStatus toPeers = new AnnouncementStatus(WEB, IpAddress.parse("192.0.2.10"),
                AnnouncementStatus.State.ANNOUNCED, List.of("203.0.113.1", "203.0.113.2"), "announced");

        reporter.report(Map.of("bgp", List.of(toPeers)));
        reporter.report(Map.of("bgp", List.of(toPeers)));
        reporter.report(Map.of("bgp", List.of(new AnnouncementStatus(WEB, IpAddress.parse("192.0.2.10"),
                AnnouncementStatus.State.STANDBY, List.of(), "peer tor is Active"))));
        reporter.report(Map.of("bgp", List.of(toPeers)));

        assertThat(events.events).containsExactly(
                "web/nginx nodeAssigned announcing 192.0.2.10 from node node-a with protocol bgp on 203.0.113.1, 203.0.113.2",
                "web/nginx nodeAssigned announcing 192.0.2.10 from node node-a with protocol bgp on 203.0.113.1, 203.0.113.2");
    }
}
