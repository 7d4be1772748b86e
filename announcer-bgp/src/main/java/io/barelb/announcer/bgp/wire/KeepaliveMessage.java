package io.barelb.announcer.bgp.wire;

/** KEEPALIVE (RFC 4271 §4.4): the header alone, 19 octets. */
public record KeepaliveMessage() implements BgpMessage {

    public static final int TYPE = 4;
    /** The one KEEPALIVE. */
    public static final KeepaliveMessage INSTANCE = new KeepaliveMessage();

    @Override
    public int type() {
        return TYPE;
    }
}
