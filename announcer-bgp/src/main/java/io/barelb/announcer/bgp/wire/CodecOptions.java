package io.barelb.announcer.bgp.wire;

/**
 * What a session negotiated that changes the encoding of messages.
 *
 * @param fourOctetAs both speakers announced the 4-octet AS capability: AS_PATH carries 4-octet ASNs (RFC 6793 §4)
 */
public record CodecOptions(boolean fourOctetAs) {

    /** Before OPENs are exchanged, and for speakers without the capability. */
    public static final CodecOptions TWO_OCTET_AS = new CodecOptions(false);
    public static final CodecOptions FOUR_OCTET_AS = new CodecOptions(true);
}
