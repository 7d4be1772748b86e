package io.barelb.announcer.bgp.bfd.fsm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.announcer.bgp.bfd.wire.BfdControlCodec;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdControlPacket;
import io.barelb.announcer.bgp.bfd.wire.BfdDecodeOutcome;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The session table's discriminators and the §6.8.6 selection and discard rules of {@link BfdReceiver}. */
class BfdReceiverTest {

    private static final BfdSessionConfig CONFIG = BfdSessionConfig.singleHop(100_000, 100_000, 3, false);

    private final BfdSessionTable<String> table = new BfdSessionTable<>(new Random(5));
    private final BfdReceiver<String> receiver = new BfdReceiver<>(table);

    private BfdSession add(String peer) {
        BfdSession session = table.add(peer, d -> new BfdSession(d, CONFIG, new RecordingActions(), new Random(1)));
        session.start(0);
        return session;
    }

    private static ByteBuf packet(BfdState state, int my, int your) {
        ByteBuf buffer = Unpooled.buffer(24);
        BfdControlCodec.encode(new BfdControlFields().set(BfdControlPacket.of(BfdDiagnostic.NO_DIAGNOSTIC, state, false,
                false, 3, my, your, 100_000, 100_000)), buffer);
        return buffer;
    }

    private BfdReceiveOutcome receive(ByteBuf buffer, String source) {
        try {
            return receiver.receive(buffer, source, -1, 1_000);
        } finally {
            buffer.release();
        }
    }

    @Test
    void discriminatorsAreNonzeroUniqueAndFoundAgain() {
        Set<Integer> seen = new HashSet<>();
        for (int i = 0; i < 100; i++) {
            BfdSession session = add("peer-" + i);
            assertThat(session.localDiscriminator()).isNotZero();
            assertThat(seen.add(session.localDiscriminator())).isTrue();
            assertThat(table.byDiscriminator(session.localDiscriminator())).isSameAs(session);
            assertThat(table.byPeer("peer-" + i)).isSameAs(session);
        }
        assertThat(table.size()).isEqualTo(100);
        BfdSession removed = table.remove("peer-7");
        assertThat(table.byDiscriminator(removed.localDiscriminator())).isNull();
        assertThat(table.remove("peer-7")).isNull();
        assertThat(table.byDiscriminator(removed.localDiscriminator() ^ 0x10000)).as("same slot, other tag").isNull();
        assertThatThrownBy(() -> add("peer-8")).hasMessageContaining("peer-8 exists already");
    }

    @Test
    void yourDiscriminatorSelectsTheSessionWhateverTheSource() {
        BfdSession a = add("a");
        BfdSession b = add("b");
        assertThat(receive(packet(BfdState.DOWN, 77, 0), "a")).isEqualTo(BfdReceiveOutcome.ACCEPTED);
        assertThat(a.state()).isEqualTo(BfdState.INIT);
        assertThat(receive(packet(BfdState.INIT, 88, b.localDiscriminator()), "a")).isEqualTo(BfdReceiveOutcome.ACCEPTED);
        assertThat(b.state()).isEqualTo(BfdState.UP);
        assertThat(b.remoteDiscriminator()).isEqualTo(88);
        assertThat(a.state()).isEqualTo(BfdState.INIT);
        assertThat(receiver.count(BfdReceiveOutcome.ACCEPTED)).isEqualTo(2);
    }

    @Test
    void anUnknownDiscriminatorOrSourceIsNoSession() {
        add("a");
        assertThat(receive(packet(BfdState.UP, 77, 0x7777_0001), "a")).isEqualTo(BfdReceiveOutcome.NO_SESSION);
        assertThat(receive(packet(BfdState.DOWN, 77, 0), "stranger")).isEqualTo(BfdReceiveOutcome.NO_SESSION);
        assertThat(receiver.count(BfdReceiveOutcome.NO_SESSION)).isEqualTo(2);
    }

    @Test
    void theCodecsRulesComeOutAsMalformedWithTheirReason() {
        add("a");
        ByteBuf zeroMult = packet(BfdState.DOWN, 77, 0);
        zeroMult.setByte(2, 0);
        assertThat(receive(zeroMult, "a")).isEqualTo(BfdReceiveOutcome.MALFORMED);
        assertThat(receiver.lastDecodeOutcome()).isEqualTo(BfdDecodeOutcome.ZERO_DETECT_MULT);
        ByteBuf auth = packet(BfdState.DOWN, 77, 0);
        auth.setByte(1, auth.getByte(1) | 0x04);
        auth.setByte(3, 24);
        assertThat(receive(auth, "a")).isEqualTo(BfdReceiveOutcome.MALFORMED);
        assertThat(receiver.count(BfdDecodeOutcome.LENGTH_TOO_SHORT)).isEqualTo(1);
        assertThat(receiver.count(BfdReceiveOutcome.MALFORMED)).isEqualTo(2);
        assertThat(table.byPeer("a").packetsReceived()).isZero();
    }

    @Test
    void aLocallyAdminDownSessionDiscards() {
        BfdSession a = add("a");
        a.adminDown(0);
        assertThat(receive(packet(BfdState.DOWN, 77, 0), "a")).isEqualTo(BfdReceiveOutcome.LOCAL_ADMIN_DOWN);
        assertThat(receiver.count(BfdReceiveOutcome.LOCAL_ADMIN_DOWN)).isEqualTo(1);
    }
}
