package io.barelb.embedded;

import java.util.Arrays;

/**
 * Reads the protobuf wire format: tags, varints and length-delimited fields (the only wire types Kubernetes'
 * generated messages use besides fixed-width numbers, which none of the decoded kinds has). Not thread-safe.
 *
 * @see <a href="https://protobuf.dev/programming-guides/encoding/">protobuf encoding</a>
 */
final class ProtobufReader {

    /** The wire types of a tag's low three bits. */
    static final int VARINT = 0;
    static final int LENGTH_DELIMITED = 2;

    private final byte[] bytes;
    private int position;
    private final int end;

    ProtobufReader(byte[] bytes) {
        this(bytes, 0, bytes.length);
    }

    private ProtobufReader(byte[] bytes, int start, int end) {
        this.bytes = bytes;
        this.position = start;
        this.end = end;
    }

    boolean atEnd() {
        return position >= end;
    }

    /** The next tag: field number shifted left by 3, or'd with the wire type. */
    int tag() {
        return (int) varint();
    }

    long varint() {
        long value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new IllegalArgumentException("truncated varint at byte " + position);
            }
            byte b = bytes[position++];
            value |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return value;
            }
        }
        throw new IllegalArgumentException("varint longer than 10 bytes at byte " + position);
    }

    /** The bytes of a length-delimited field. */
    byte[] lengthDelimited() {
        long length = varint();
        if (length < 0 || length > end - position) {
            throw new IllegalArgumentException("length " + length + " runs past the end at byte " + position);
        }
        byte[] value = Arrays.copyOfRange(bytes, position, position + (int) length);
        position += (int) length;
        return value;
    }
}
