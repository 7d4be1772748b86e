package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.barelb.api.net.IpAddress;
import java.util.Set;

/**
 * Fuzzes the whole receive path (Ethernet, ARP, IPv6, ICMPv6 NS/NA, options, checksums) through
 * {@link Responder#decide}. In a plain {@code mvn test} Jazzer runs in regression mode: only the seeds under
 * {@code src/test/resources/.../ResponderFuzzTestInputs/decideNeverThrows/} are replayed. To fuzz for real:
 * {@code JAZZER_FUZZ=1 mvn -pl announcer-layer2 test -Dtest=ResponderFuzzTest} (findings land in that folder).
 */
class ResponderFuzzTest {

    private static final Set<IpAddress> OWNED = Set.of(IpAddress.parse("192.0.2.11"), IpAddress.parse("2001:db8::11"),
            IpAddress.parse("192.0.2.200"), IpAddress.parse("2001:db8::200"));

    @FuzzTest(maxDuration = "30s")
    void decideNeverThrows(byte[] frame) throws Exception {
        Verdict verdict = Responder.decide(frame, Fixtures.NODE_MAC, OWNED);

        assertThat(verdict).isNotNull();
        if (verdict instanceof Verdict.Malformed malformed) {
            assertThat(malformed.reason()).doesNotStartWith("unexpected");
        }
        if (verdict instanceof Verdict.Answer answer) {
            // every answer is itself a well-formed frame from this interface about an owned address
            assertThat(OWNED).contains(answer.address());
            assertThat(EthernetHeader.decode(answer.reply()).source()).isEqualTo(Fixtures.NODE_MAC);
            int type = EthernetHeader.decode(answer.reply()).etherType();
            if (type == EthernetHeader.ETHERTYPE_ARP) {
                assertThat(ArpPacket.decode(answer.reply(), EthernetHeader.LENGTH).senderProtocolAddress())
                        .isEqualTo(answer.address());
            } else {
                assertThat(NdpPacket.decode(answer.reply(), EthernetHeader.LENGTH).orElseThrow().message().target())
                        .isEqualTo(answer.address());
            }
        }
    }
}
