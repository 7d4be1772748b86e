package io.barelb.announcer.bgp.wire;

/**
 * A BGP-4 message (RFC 4271 §4): immutable and thread-safe. {@link BgpMessageCodec} turns one into the bytes of
 * a whole message (header included) and back.
 */
public sealed interface BgpMessage
        permits OpenMessage, UpdateMessage, KeepaliveMessage, NotificationMessage, RouteRefreshMessage {

    /** The length of the common header: 16-octet marker, 2-octet length, 1-octet type. */
    int HEADER_LENGTH = 19;
    /** The largest message without the extended-message capability (RFC 4271 §4.1). */
    int MAX_LENGTH = 4096;

    /** The Type octet of the header. */
    int type();
}
