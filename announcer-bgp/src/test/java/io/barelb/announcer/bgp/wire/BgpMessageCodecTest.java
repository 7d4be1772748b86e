package io.barelb.announcer.bgp.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class BgpMessageCodecTest {

    private static final String MARKER = "ffffffffffffffffffffffffffffffff";

    private static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }

    @Test
    void birdsOpenDecodesToItsCapabilities() throws Exception {
        OpenMessage open = (OpenMessage) BgpMessageCodec.decode(hex(MARKER + "003b0104fbf4005ac00002011e021c0104000100"
                + "0101040002000102004002007841040000fbf446004700"), CodecOptions.TWO_OCTET_AS);

        assertThat(open.autonomousSystem()).isEqualTo(64500);
        assertThat(open.holdTimeSeconds()).isEqualTo(90);
        assertThat(open.bgpIdentifier()).isEqualTo(IpAddress.parse("192.0.2.1"));
        assertThat(open.multiprotocolFamilies()).containsExactly(AddressFamily.IPV4_UNICAST, AddressFamily.IPV6_UNICAST);
        assertThat(open.capabilities()).contains(new Capability.RouteRefresh(),
                new Capability.GracefulRestart(false, 120, List.of()), new Capability.FourOctetAs(64500),
                new Capability.Unknown(70, Octets.EMPTY), new Capability.Unknown(71, Octets.EMPTY));
    }

    @Test
    void aFourOctetAsnGoesAsAsTransInTheOpen() {
        OpenMessage open = OpenMessage.of(4_200_000_000L, 90, IpAddress.parse("192.0.2.9"),
                List.of(new Capability.FourOctetAs(4_200_000_000L)));
        assertThat(HexFormat.of().formatHex(BgpMessageCodec.encode(open, CodecOptions.TWO_OCTET_AS)))
                .isEqualTo(MARKER + "0025" + "01" + "04" + "5ba0" + "005a" + "c0000209" + "08" + "0206" + "4104fa56ea00");
        assertThat(open.autonomousSystem()).isEqualTo(4_200_000_000L);
    }

    @Test
    void headerErrorsMapToTheirNotifications() {
        assertError(hex("00" + MARKER.substring(2) + "001304"), BgpError.CONNECTION_NOT_SYNCHRONIZED, "");
        assertError(hex(MARKER + "001204"), BgpError.BAD_MESSAGE_LENGTH, "0012");
        assertError(hex(MARKER + "00140400"), BgpError.BAD_MESSAGE_LENGTH, "0014");
        assertError(hex(MARKER + "001309"), BgpError.BAD_MESSAGE_TYPE, "09");
        assertError(hex(MARKER + "001605000100"), BgpError.ROUTE_REFRESH_INVALID_MESSAGE_LENGTH, MARKER + "001605000100");
        assertError(hex(MARKER + "001d0103fbf4005ac000020100"), BgpError.UNSUPPORTED_VERSION_NUMBER, "0004");
        assertError(hex(MARKER + "00210104fbf4005ac00002010403020000"), BgpError.UNSUPPORTED_OPTIONAL_PARAMETER, "");
    }

    @Test
    void aMalformedOriginIsTreatAsWithdraw() throws Exception {
        // ORIGIN value 3, then AS_PATH empty, NEXT_HOP, NLRI 203.0.113.10/32
        UpdateMessage update = (UpdateMessage) BgpMessageCodec.decode(update("0000" + "000e"
                + "40010103" + "400200" + "400304c0000201" + "20cb00710a"), CodecOptions.FOUR_OCTET_AS);

        assertThat(update.treatAsWithdraw()).isTrue();
        assertThat(update.problems()).extracting(UpdateProblem::error).contains(BgpError.INVALID_ORIGIN_ATTRIBUTE);
        assertThat(update.nlri()).containsExactly(IpPrefix.parse("203.0.113.10/32"));
    }

    @Test
    void aMalformedAtomicAggregateIsDiscardedOnly() throws Exception {
        UpdateMessage update = (UpdateMessage) BgpMessageCodec.decode(update("0000" + "0012"
                + "40010100" + "400200" + "400304c0000201" + "40060100" + "20cb00710a"), CodecOptions.FOUR_OCTET_AS);

        assertThat(update.treatAsWithdraw()).isFalse();
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::action)
                .isEqualTo(UpdateProblem.Action.ATTRIBUTE_DISCARD);
        assertThat(update.attributes()).hasSize(3);
    }

    @Test
    void missingNextHopIsTreatAsWithdrawAndUnknownWellKnownResetsTheSession() throws Exception {
        UpdateMessage update = (UpdateMessage) BgpMessageCodec.decode(update("0000" + "0007"
                + "40010100" + "400200" + "20cb00710a"), CodecOptions.FOUR_OCTET_AS);
        assertThat(update.problems()).singleElement().extracting(UpdateProblem::error)
                .isEqualTo(BgpError.MISSING_WELL_KNOWN_ATTRIBUTE);

        assertError(update("0000" + "0003" + "406300"), BgpError.UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE, "406300");
        assertError(update("0000" + "0005" + "800e020001"), BgpError.OPTIONAL_ATTRIBUTE_ERROR, "800e020001");
        assertError(update("0010" + "0000"), BgpError.MALFORMED_ATTRIBUTE_LIST, "");
        assertThat(((UpdateMessage) BgpMessageCodec.decode(update("0000" + "0001" + "21"), CodecOptions.FOUR_OCTET_AS))
                .treatAsWithdraw()).isTrue();
        assertError(update("0000" + "0000" + "21cb00710a"), BgpError.INVALID_NETWORK_FIELD, "");
    }

    @Test
    void largeAttributesUseExtendedLengthAndAsPathWidthFollowsTheOptions() throws Exception {
        List<Community> many = java.util.stream.IntStream.range(0, 100).mapToObj(i -> new Community(64500, i)).toList();
        UpdateMessage update = new UpdateMessage(List.of(), List.of(PathAttribute.Origin.IGP,
                new PathAttribute.AsPath(List.of(PathAttribute.Segment.sequence(64500L, 4_200_000_000L))),
                new PathAttribute.NextHop(IpAddress.parse("192.0.2.1")), new PathAttribute.Communities(many)),
                List.of(IpPrefix.parse("203.0.113.10/32")));
        byte[] four = BgpMessageCodec.encode(update, CodecOptions.FOUR_OCTET_AS);
        assertThat(BgpMessageCodec.decode(four, CodecOptions.FOUR_OCTET_AS)).isEqualTo(update);
        assertThat(HexFormat.of().formatHex(four)).contains("d0080190fbf40000");

        byte[] two = BgpMessageCodec.encode(update, CodecOptions.TWO_OCTET_AS);
        UpdateMessage back = (UpdateMessage) BgpMessageCodec.decode(two, CodecOptions.TWO_OCTET_AS);
        assertThat(back.attribute(PathAttribute.AsPath.class).orElseThrow().segments().get(0).asns())
                .containsExactly(64500L, (long) OpenMessage.AS_TRANS);
    }

    /** An UPDATE with {@code body} and its length computed. */
    private static byte[] update(String body) {
        String compact = body.replace(" ", "");
        return hex(MARKER + String.format("%04x", 19 + compact.length() / 2) + "02" + compact);
    }

    private static void assertError(byte[] message, BgpError error, String data) {
        assertThatThrownBy(() -> BgpMessageCodec.decode(message, CodecOptions.FOUR_OCTET_AS))
                .isInstanceOfSatisfying(BgpDecodeException.class, e -> {
                    assertThat(e.error()).isEqualTo(error);
                    assertThat(e.data().toString()).isEqualTo(data);
                });
    }
}
