package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The netlink link parser against datagrams captured from the kernel, and against broken ones. */
class NetlinkLinkParserTest {

    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    @Test
    void readsTheKernelsLinkMessagesOfASetUpSetDownAndDelete() throws IOException {
        List<byte[]> datagrams = fixtures();

        List<LinkEvent> events = datagrams.stream().flatMap(d -> parse(d).events().stream()).toList();

        assertThat(datagrams).hasSize(10);
        assertThat(datagrams.stream().allMatch(d -> parse(d).malformed().isEmpty())).isTrue();
        assertThat(events).extracting(LinkEvent::label).containsExactly("nlv0", "nlv1", "nlv0", "nlv0", "nlv1", "nlv0",
                "nlv1", "nlv1", "nlv0", "nlv1");
        // nlv0 (index 3): address set while down, then set up (lower layer still down, then up), then down
        assertThat(events.get(0)).isEqualTo(new LinkEvent(false, 3, Optional.of("nlv0"), 0x1002, 2));
        assertThat(events.get(3)).isEqualTo(new LinkEvent(false, 3, Optional.of("nlv0"), 0x11043, LinkEvent.OPER_UP));
        assertThat(events.get(3).up()).isTrue();
        assertThat(events.get(5)).isEqualTo(new LinkEvent(false, 3, Optional.of("nlv0"), 0x1002, 2));
        assertThat(events.get(5).up()).isFalse();
        // deleting one end of the pair removes both
        assertThat(events.subList(8, 10)).extracting(LinkEvent::removed, LinkEvent::index).containsExactly(
                org.assertj.core.groups.Tuple.tuple(true, 3), org.assertj.core.groups.Tuple.tuple(true, 2));
        assertThat(events.get(8).up()).isFalse();
    }

    @Test
    void twoMessagesInOneDatagramAreBothRead() throws IOException {
        List<byte[]> datagrams = fixtures();
        byte[] first = datagrams.get(3);
        byte[] second = datagrams.get(5);
        byte[] both = Arrays.copyOf(first, first.length + second.length); // 1496 bytes: already 4-aligned
        System.arraycopy(second, 0, both, first.length, second.length);

        assertThat(parse(both).events()).extracting(LinkEvent::up).containsExactly(true, false);
    }

    @Test
    void otherMessageTypesAreIgnoredNotCounted() {
        byte[] done = header(16, 3); // NLMSG_DONE

        NetlinkLinkParser.Parsed parsed = parse(done);

        assertThat(parsed.events()).isEmpty();
        assertThat(parsed.malformed()).isEmpty();
    }

    @Test
    void brokenMessagesAreReportedAndSkipped() throws IOException {
        byte[] good = fixtures().get(3);
        // a link message too short for its ifinfomsg, followed by a good one: the good one is still read
        byte[] tooShort = header(20, NetlinkLinkParser.RTM_NEWLINK);
        byte[] shortThenGood = new byte[20 + good.length];
        System.arraycopy(tooShort, 0, shortThenGood, 0, 20);
        System.arraycopy(good, 0, shortThenGood, 20, good.length);
        NetlinkLinkParser.Parsed parsed = parse(shortThenGood);
        assertThat(parsed.events()).hasSize(1);
        assertThat(parsed.malformed()).singleElement().asString().contains("shorter than nlmsghdr + ifinfomsg");

        // a length beyond the datagram: nothing after it can be found
        byte[] truncated = Arrays.copyOf(good, 100);
        assertThat(parse(truncated).events()).isEmpty();
        assertThat(parse(truncated).malformed()).singleElement().asString().contains("claims 1496 bytes, 100 remain");

        // an attribute that runs past its message
        byte[] badAttribute = good.clone();
        ByteBuffer.wrap(badAttribute).order(LE).putShort(32, (short) 4000);
        assertThat(parse(badAttribute).events()).isEmpty();
        assertThat(parse(badAttribute).malformed()).singleElement().asString().contains("attribute at byte 32 claims 4000");

        // a name without its NUL
        byte[] unterminated = good.clone();
        unterminated[40] = 'x'; // "nlv0\0" at 36..40
        unterminated[41] = 'y';
        unterminated[42] = 'z';
        unterminated[43] = 'w';
        ByteBuffer.wrap(unterminated).order(LE).putShort(32, (short) 8);
        assertThat(parse(unterminated).malformed()).singleElement().asString().contains("IFLA_IFNAME");

        // trailing bytes shorter than a header
        assertThat(parse(new byte[7]).malformed()).singleElement().asString().contains("7 trailing bytes");
    }

    @Test
    void anyInputIsParsedWithoutThrowing() throws IOException {
        byte[] good = fixtures().get(3);
        Random random = new Random(20261203L);
        for (int trial = 0; trial < 20_000; trial++) {
            byte[] mangled = trial % 2 == 0 ? good.clone() : new byte[random.nextInt(200)];
            int flips = 1 + random.nextInt(8);
            for (int i = 0; i < flips && mangled.length > 0; i++) {
                mangled[random.nextInt(mangled.length)] = (byte) random.nextInt(256);
            }
            int length = random.nextInt(mangled.length + 2);
            assertThatCode(() -> NetlinkLinkParser.parse(mangled, length, LE)).doesNotThrowAnyException();
        }
        assertThatCode(() -> NetlinkLinkParser.parse(good, -1, LE)).doesNotThrowAnyException();
        assertThatCode(() -> NetlinkLinkParser.parse(good, good.length + 10, ByteOrder.BIG_ENDIAN))
                .doesNotThrowAnyException();
    }

    private static NetlinkLinkParser.Parsed parse(byte[] datagram) {
        return NetlinkLinkParser.parse(datagram, datagram.length, LE);
    }

    private static byte[] header(int length, int type) {
        ByteBuffer buffer = ByteBuffer.allocate(Math.max(16, length)).order(LE);
        buffer.putInt(length).putShort((short) type);
        return buffer.array();
    }

    static List<byte[]> fixtures() throws IOException {
        try (InputStream in = NetlinkLinkParserTest.class.getResourceAsStream("netlink-link-fixtures.hex")) {
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(HexFormat.of()::parseHex).toList();
        }
    }
}
