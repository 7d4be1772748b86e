package io.barelb.announcer.bgp.bfd.wire;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class BfdControlCodecTest {

    private final BfdControlFields fields = new BfdControlFields();

    @Test
    void decodesBirdSlowStartDownPacket() {
        assertThat(decode(BirdPackets.get("v4-down-slow-start"))).isEqualTo(BfdDecodeOutcome.VALID);

        assertThat(fields.toPacket()).isEqualTo(new BfdControlPacket(1, 0, BfdState.DOWN, false, false, false, false,
                false, false, 3, 24, 0x13aca50a, 0, 1_000_000, 100_000, 0));
    }

    @Test
    void decodesBirdPollAndFinalPackets() {
        assertThat(decode(BirdPackets.get("v4-up-poll"))).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.toPacket()).isEqualTo(BfdControlPacket.of(BfdDiagnostic.NO_DIAGNOSTIC, BfdState.UP, true, false,
                3, 0x57b7fac4, 0x13aca50a, 100_000, 100_000));

        assertThat(decode(BirdPackets.get("v6-up-final"))).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.toPacket()).isEqualTo(BfdControlPacket.of(BfdDiagnostic.NO_DIAGNOSTIC, BfdState.UP, false, true,
                3, 0x5a73df1e, 0x0fa45f6b, 100_000, 100_000));
    }

    @Test
    void decodesBirdInitAndDetectionExpiredPackets() {
        assertThat(decode(BirdPackets.get("v6-init"))).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.state()).isEqualTo(BfdState.INIT);
        assertThat(fields.yourDiscriminator()).isEqualTo(0x0fa45f6b);

        assertThat(decode(BirdPackets.get("v4-down-detection-expired"))).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(BfdDiagnostic.fromCode(fields.diagnostic())).isEqualTo(BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED);
        assertThat(fields.state()).isEqualTo(BfdState.DOWN);
        assertThat(fields.yourDiscriminator()).isZero();
    }

    @Test
    void everyBirdPacketDecodesAndReencodesByteForByte() {
        Map<String, byte[]> packets = BirdPackets.all();
        assertThat(packets).hasSize(12);
        packets.forEach((name, bytes) -> {
            assertThat(decode(bytes)).as(name).isEqualTo(BfdDecodeOutcome.VALID);
            ByteBuf out = Unpooled.buffer(24);
            BfdControlCodec.encode(fields, out);
            assertThat(ByteBufUtilBytes.of(out)).as(name).containsExactly(bytes);
            byte[] array = new byte[30];
            BfdControlCodec.encode(fields, array, 3);
            assertThat(Arrays.copyOfRange(array, 3, 27)).as(name).containsExactly(bytes);
        });
    }

    @Test
    void setForTransmitProducesTheBirdPollPacketExactly() {
        fields.setForTransmit(BfdDiagnostic.NO_DIAGNOSTIC, BfdState.UP, true, false, 3, 0x57b7fac4, 0x13aca50a, 100_000,
                100_000);
        byte[] out = new byte[24];
        BfdControlCodec.encode(fields, out, 0);

        assertThat(out).containsExactly(BirdPackets.get("v4-up-poll"));
    }

    @ParameterizedTest
    @EnumSource(BfdDiagnostic.class)
    void everyDiagnosticCodeRoundTrips(BfdDiagnostic diagnostic) {
        fields.setForTransmit(diagnostic, BfdState.DOWN, false, false, 3, 7, 0, 1_000_000, 300_000);
        byte[] out = new byte[24];
        BfdControlCodec.encode(fields, out, 0);

        assertThat(out[0] & 0x1F).isEqualTo(diagnostic.code());
        assertThat(decode(out)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(BfdDiagnostic.fromCode(fields.diagnostic())).isEqualTo(diagnostic);
    }

    @Test
    void reservedDiagnosticIsKeptAsItsNumber() {
        byte[] packet = BirdPackets.get("v4-up");
        packet[0] = (byte) (0x20 | 31);

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.diagnostic()).isEqualTo(31);
        assertThat(BfdDiagnostic.fromCode(31)).isNull();
    }

    @ParameterizedTest
    @EnumSource(BfdState.class)
    void everyStateRoundTrips(BfdState state) {
        fields.setForTransmit(BfdDiagnostic.NO_DIAGNOSTIC, state, false, false, 3, 7, 9, 1_000_000, 300_000);
        byte[] out = new byte[24];
        BfdControlCodec.encode(fields, out, 0);

        assertThat(decode(out)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.state()).isEqualTo(state);
        assertThat(out[1] >>> 6 & 3).isEqualTo(state.code());
    }

    @Test
    void intervalsAreUnsigned() {
        fields.setForTransmit(BfdDiagnostic.NO_DIAGNOSTIC, BfdState.DOWN, false, false, 255, -1, 0, 0xFFFF_FFFFL,
                0x8000_0000L);
        byte[] out = new byte[24];
        BfdControlCodec.encode(fields, out, 0);

        assertThat(decode(out)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(fields.desiredMinTxInterval()).isEqualTo(0xFFFF_FFFFL);
        assertThat(fields.requiredMinRxInterval()).isEqualTo(0x8000_0000L);
        assertThat(fields.detectMult()).isEqualTo(255);
        assertThat(fields.myDiscriminator()).isEqualTo(-1);
    }

    @Test
    void byteBufDecodeReadsFromTheReaderIndexAndDoesNotMoveIt() {
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(new byte[] {9, 9, 9});
        in.writeBytes(BirdPackets.get("v6-up"));
        in.readerIndex(3);

        assertThat(BfdControlCodec.decode(in, fields)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(in.readerIndex()).isEqualTo(3);
        assertThat(fields.myDiscriminator()).isEqualTo(0x0fa45f6b);
    }

    @Test
    void trailingBytesAfterTheLengthAreAllowed() {
        byte[] packet = Arrays.copyOf(BirdPackets.get("v4-up"), 40);

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.VALID);
    }

    // RFC 5880 §6.8.6, one test per discard rule

    @Test
    void discardsShortPayload() {
        assertThat(decode(Arrays.copyOf(BirdPackets.get("v4-up"), 23))).isEqualTo(BfdDecodeOutcome.TRUNCATED);
        assertThat(decode(new byte[0])).isEqualTo(BfdDecodeOutcome.TRUNCATED);
    }

    @Test
    void discardsOtherVersions() {
        for (int version : new int[] {0, 2, 7}) {
            byte[] packet = BirdPackets.get("v4-up");
            packet[0] = (byte) (version << 5);
            assertThat(decode(packet)).as("version %d", version).isEqualTo(BfdDecodeOutcome.BAD_VERSION);
        }
    }

    @Test
    void discardsLengthBelowMinimum() {
        byte[] packet = BirdPackets.get("v4-up");
        packet[3] = 23;
        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.LENGTH_TOO_SHORT);

        byte[] authenticated = Arrays.copyOf(BirdPackets.get("v4-up"), 26);
        authenticated[1] |= 0x04;
        authenticated[3] = 25;
        assertThat(decode(authenticated)).isEqualTo(BfdDecodeOutcome.LENGTH_TOO_SHORT);
    }

    @Test
    void discardsLengthBeyondPayload() {
        byte[] packet = BirdPackets.get("v4-up");
        packet[3] = 25;

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.LENGTH_EXCEEDS_PAYLOAD);
    }

    @Test
    void discardsZeroDetectMult() {
        byte[] packet = BirdPackets.get("v4-up");
        packet[2] = 0;

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.ZERO_DETECT_MULT);
    }

    @Test
    void discardsMultipoint() {
        byte[] packet = BirdPackets.get("v4-up");
        packet[1] |= 0x01;

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.MULTIPOINT);
    }

    @Test
    void discardsZeroMyDiscriminator() {
        byte[] packet = BirdPackets.get("v4-up");
        Arrays.fill(packet, 4, 8, (byte) 0);

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.ZERO_MY_DISCRIMINATOR);
    }

    @Test
    void discardsZeroYourDiscriminatorUnlessDownOrAdminDown() {
        byte[] up = BirdPackets.get("v4-up");
        Arrays.fill(up, 8, 12, (byte) 0);
        assertThat(decode(up)).isEqualTo(BfdDecodeOutcome.ZERO_YOUR_DISCRIMINATOR);

        byte[] init = BirdPackets.get("v4-init");
        Arrays.fill(init, 8, 12, (byte) 0);
        assertThat(decode(init)).isEqualTo(BfdDecodeOutcome.ZERO_YOUR_DISCRIMINATOR);

        byte[] adminDown = BirdPackets.get("v4-down-slow-start");
        adminDown[1] = 0;
        assertThat(decode(adminDown)).isEqualTo(BfdDecodeOutcome.VALID);
        assertThat(decode(BirdPackets.get("v4-down-slow-start"))).isEqualTo(BfdDecodeOutcome.VALID);
    }

    @Test
    void discardsAuthenticatedPackets() {
        // a Simple Password section (type 1, length 7, key id 1, "abcd") after the mandatory section
        byte[] packet = Arrays.copyOf(BirdPackets.get("v4-up"), 31);
        packet[1] |= 0x04;
        packet[3] = 31;
        System.arraycopy(new byte[] {1, 7, 1, 'a', 'b', 'c', 'd'}, 0, packet, 24, 7);

        assertThat(decode(packet)).isEqualTo(BfdDecodeOutcome.AUTHENTICATION_NOT_SUPPORTED);
    }

    private BfdDecodeOutcome decode(byte[] packet) {
        BfdDecodeOutcome fromArray = BfdControlCodec.decode(packet, 0, packet.length, fields);
        BfdDecodeOutcome fromBuffer = BfdControlCodec.decode(Unpooled.wrappedBuffer(packet), new BfdControlFields());
        assertThat(fromBuffer).isEqualTo(fromArray);
        return fromArray;
    }

    /** The readable bytes of a buffer as an array. */
    static final class ByteBufUtilBytes {
        static byte[] of(ByteBuf buffer) {
            byte[] bytes = new byte[buffer.readableBytes()];
            buffer.getBytes(buffer.readerIndex(), bytes);
            return bytes;
        }
    }
}
