package io.barelb.announcer.layer2;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Reads the link messages of one netlink datagram ({@code rtnetlink(7)}, {@code linux/rtnetlink.h},
 * {@code linux/if_link.h}). A datagram holds one or more messages, each padded to 4 bytes:
 * <pre>
 * nlmsghdr (16 bytes)                          ifinfomsg (16 bytes, RTM_NEWLINK / RTM_DELLINK only)
 *  0  u32 nlmsg_len (header included)            16  u8  ifi_family   17 u8 pad
 *  4  u16 nlmsg_type (16 NEWLINK, 17 DELLINK)    18  u16 ifi_type
 *  6  u16 nlmsg_flags                            20  s32 ifi_index
 *  8  u32 nlmsg_seq                              24  u32 ifi_flags (IFF_UP, IFF_RUNNING, IFF_LOWER_UP)
 * 12  u32 nlmsg_pid                              28  u32 ifi_change
 * then attributes from 32 to nlmsg_len, each padded to 4:
 *  u16 rta_len (header included)  u16 rta_type  data: IFLA_IFNAME (3) a NUL-terminated name,
 *                                                     IFLA_OPERSTATE (16) one byte
 * </pre>
 * Integers are in the host's byte order. Messages of other types are ignored; a link message that breaks the
 * layout is skipped and reported; a header whose length cannot be trusted ends the datagram (the next message
 * cannot be found). Pure, never throws on any input.
 */
final class NetlinkLinkParser {

    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_OPERSTATE = 16;
    private static final int NLMSG_HDRLEN = 16;
    private static final int IFINFOMSG_LEN = 16;
    private static final int RTA_HDRLEN = 4;
    private static final int IFNAMSIZ = 16;

    /**
     * @param events    the link messages, in order
     * @param malformed what was wrong with each message skipped
     */
    record Parsed(List<LinkEvent> events, List<String> malformed) {
        Parsed {
            events = List.copyOf(events);
            malformed = List.copyOf(malformed);
        }
    }

    private NetlinkLinkParser() {
    }

    /** The link messages among the first {@code length} bytes of {@code datagram}. */
    static Parsed parse(byte[] datagram, int length, ByteOrder order) {
        List<LinkEvent> events = new ArrayList<>();
        List<String> malformed = new ArrayList<>();
        ByteBuffer buffer = ByteBuffer.wrap(datagram, 0, Math.max(0, Math.min(length, datagram.length))).order(order);
        int end = buffer.limit();
        int offset = 0;
        while (end - offset >= NLMSG_HDRLEN) {
            long messageLength = Integer.toUnsignedLong(buffer.getInt(offset));
            int type = Short.toUnsignedInt(buffer.getShort(offset + 4));
            if (messageLength < NLMSG_HDRLEN || messageLength > end - offset) {
                malformed.add("message at byte " + offset + " claims " + messageLength + " bytes, " + (end - offset)
                        + " remain");
                return new Parsed(events, malformed);
            }
            int length32 = (int) messageLength;
            if (type == RTM_NEWLINK || type == RTM_DELLINK) {
                String problem = link(buffer, offset, length32, type == RTM_DELLINK, events);
                if (problem != null) {
                    malformed.add("link message at byte " + offset + ": " + problem);
                }
            }
            offset += align(length32);
        }
        if (end - offset > 0) {
            malformed.add((end - offset) + " trailing bytes, shorter than a netlink header");
        }
        return new Parsed(events, malformed);
    }

    /** Adds the event of the link message at {@code start}, or returns what is wrong with it. */
    private static String link(ByteBuffer buffer, int start, int length, boolean removed, List<LinkEvent> events) {
        if (length < NLMSG_HDRLEN + IFINFOMSG_LEN) {
            return "length " + length + " is shorter than nlmsghdr + ifinfomsg (32)";
        }
        int index = buffer.getInt(start + 20);
        int flags = buffer.getInt(start + 24);
        Optional<String> name = Optional.empty();
        int operState = -1;
        int end = start + length;
        int offset = start + NLMSG_HDRLEN + IFINFOMSG_LEN;
        while (end - offset >= RTA_HDRLEN) {
            int attributeLength = Short.toUnsignedInt(buffer.getShort(offset));
            int attributeType = Short.toUnsignedInt(buffer.getShort(offset + 2)) & 0x3FFF; // less NLA_F_NESTED/BYTEORDER
            if (attributeLength < RTA_HDRLEN || attributeLength > end - offset) {
                return "attribute at byte " + (offset - start) + " claims " + attributeLength + " bytes, "
                        + (end - offset) + " remain";
            }
            int dataLength = attributeLength - RTA_HDRLEN;
            if (attributeType == IFLA_IFNAME) {
                int nul = -1;
                for (int i = 0; i < dataLength; i++) {
                    if (buffer.get(offset + RTA_HDRLEN + i) == 0) {
                        nul = i;
                        break;
                    }
                }
                if (nul <= 0 || nul >= IFNAMSIZ) {
                    return "IFLA_IFNAME is not a NUL-terminated name of 1-15 bytes";
                }
                byte[] text = new byte[nul];
                buffer.get(offset + RTA_HDRLEN, text);
                name = Optional.of(new String(text, StandardCharsets.US_ASCII));
            } else if (attributeType == IFLA_OPERSTATE) {
                if (dataLength != 1) {
                    return "IFLA_OPERSTATE has " + dataLength + " bytes, not 1";
                }
                operState = Byte.toUnsignedInt(buffer.get(offset + RTA_HDRLEN));
            }
            offset += align(attributeLength);
        }
        events.add(new LinkEvent(removed, index, name, flags, operState));
        return null;
    }

    private static int align(int length) {
        return (length + 3) & ~3;
    }
}
