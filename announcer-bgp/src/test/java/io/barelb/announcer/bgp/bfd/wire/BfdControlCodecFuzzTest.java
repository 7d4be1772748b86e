package io.barelb.announcer.bgp.bfd.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.Unpooled;

/**
 * Fuzzes {@link BfdControlCodec#decode}: it never throws, both input forms agree, and whatever it accepts
 * re-encodes to the same 24 bytes. In a plain {@code mvn test} Jazzer runs in regression mode over the seeds in
 * {@code src/test/resources/.../BfdControlCodecFuzzTestInputs/decodeNeverThrows/} (BIRD's packets and edge
 * cases). To fuzz for real: {@code JAZZER_FUZZ=1 mvn -pl announcer-bgp test -Dtest=BfdControlCodecFuzzTest}.
 */
class BfdControlCodecFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeNeverThrows(byte[] payload) {
        BfdControlFields fromArray = new BfdControlFields();
        BfdControlFields fromBuffer = new BfdControlFields();

        BfdDecodeOutcome outcome = BfdControlCodec.decode(payload, 0, payload.length, fromArray);

        assertThat(BfdControlCodec.decode(Unpooled.wrappedBuffer(payload), fromBuffer)).isEqualTo(outcome);
        if (outcome == BfdDecodeOutcome.VALID) {
            assertThat(fromBuffer.toPacket()).isEqualTo(fromArray.toPacket());
            assertThat(fromArray.version()).isEqualTo(1);
            assertThat(fromArray.detectMult()).isPositive();
            assertThat(fromArray.myDiscriminator()).isNotZero();
            assertThat(fromArray.authenticationPresent() || fromArray.multipoint()).isFalse();
            byte[] again = new byte[24];
            BfdControlCodec.encode(fromArray, again, 0);
            assertThat(again).containsExactly(java.util.Arrays.copyOf(payload, 24));
        }
    }
}
