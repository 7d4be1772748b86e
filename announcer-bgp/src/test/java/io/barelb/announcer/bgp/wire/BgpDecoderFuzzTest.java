package io.barelb.announcer.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link BgpMessageCodec#decode}: any input decodes or fails with a {@link BgpDecodeException} carrying a
 * NOTIFICATION that itself encodes; a decoded message re-encodes and decodes to an equal one. In a plain
 * {@code mvn verify} Jazzer replays the seeds under {@code BgpDecoderFuzzTestInputs/decodeNeverThrows/} (the
 * BIRD and GoBGP captures); {@code JAZZER_FUZZ=1 mvn -pl announcer-bgp test -Dtest=BgpDecoderFuzzTest} fuzzes.
 */
class BgpDecoderFuzzTest {

    @FuzzTest(maxDuration = "30s")
    void decodeNeverThrows(byte[] input) {
        for (CodecOptions options : new CodecOptions[] {CodecOptions.TWO_OCTET_AS, CodecOptions.FOUR_OCTET_AS}) {
            try {
                BgpMessage message = BgpMessageCodec.decode(input, options);
                if (!(message instanceof UpdateMessage update && !update.problems().isEmpty())) {
                    assertThat(BgpMessageCodec.decode(BgpMessageCodec.encode(message, options), options)).isEqualTo(message);
                }
            } catch (BgpDecodeException e) {
                assertThat(BgpMessageCodec.encode(e.toNotification(), options)).hasSizeGreaterThanOrEqualTo(21);
            }
        }
    }
}
