package io.barelb.announcer.bgp.wire;

/**
 * Reads big-endian fields from {@code bytes[position, limit)}. Every read is preceded by {@link #require}, which
 * turns a too-short field into the {@link BgpDecodeException} the caller names, so no index error can escape.
 */
final class ByteReader {

    private final byte[] bytes;
    private int position;
    private final int limit;

    ByteReader(byte[] bytes, int position, int limit) {
        this.bytes = bytes;
        this.position = position;
        this.limit = limit;
    }

    int remaining() {
        return limit - position;
    }

    int position() {
        return position;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Throws {@code error} unless {@code count} more bytes remain. */
    ByteReader require(int count, BgpError error, String what) throws BgpDecodeException {
        if (count > remaining()) {
            throw new BgpDecodeException(error, what + ": needs " + count + " octets, " + remaining() + " remain");
        }
        return this;
    }

    /** A reader over the next {@code count} bytes, which this reader skips. */
    ByteReader slice(int count) {
        ByteReader slice = new ByteReader(bytes, position, position + count);
        position += count;
        return slice;
    }

    int u8() {
        return bytes[position++] & 0xFF;
    }

    int u16() {
        return (u8() << 8) | u8();
    }

    long u32() {
        return ((long) u16() << 16) | u16();
    }

    byte[] take(int count) {
        byte[] out = java.util.Arrays.copyOfRange(bytes, position, position + count);
        position += count;
        return out;
    }

    Octets octets(int count) {
        Octets out = Octets.of(bytes, position, count);
        position += count;
        return out;
    }

    void skip(int count) {
        position += count;
    }
}
