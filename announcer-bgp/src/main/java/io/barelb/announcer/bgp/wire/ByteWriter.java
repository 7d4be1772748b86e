package io.barelb.announcer.bgp.wire;

import java.util.Arrays;

/** Appends big-endian fields to a growing array; {@link #patch16} fills in a length once it is known. */
final class ByteWriter {

    private byte[] bytes;
    private int size;

    ByteWriter(int capacity) {
        bytes = new byte[Math.max(16, capacity)];
    }

    int size() {
        return size;
    }

    ByteWriter u8(int value) {
        ensure(1);
        bytes[size++] = (byte) value;
        return this;
    }

    ByteWriter u16(int value) {
        return u8(value >>> 8).u8(value);
    }

    ByteWriter u32(long value) {
        return u16((int) (value >>> 16)).u16((int) value);
    }

    ByteWriter bytes(byte[] value) {
        ensure(value.length);
        System.arraycopy(value, 0, bytes, size, value.length);
        size += value.length;
        return this;
    }

    ByteWriter bytes(byte[] value, int offset, int length) {
        ensure(length);
        System.arraycopy(value, offset, bytes, size, length);
        size += length;
        return this;
    }

    ByteWriter octets(Octets value) {
        ensure(value.length());
        value.copyTo(bytes, size);
        size += value.length();
        return this;
    }

    /** Writes {@code value} as 2 octets at {@code offset}. */
    void patch16(int offset, int value) {
        bytes[offset] = (byte) (value >>> 8);
        bytes[offset + 1] = (byte) value;
    }

    void patch8(int offset, int value) {
        bytes[offset] = (byte) value;
    }

    byte[] toArray() {
        return Arrays.copyOf(bytes, size);
    }

    private void ensure(int more) {
        if (size + more > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
        }
    }
}
