package io.barelb.announcer.bgp.wire;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * An immutable run of bytes (the value of an unknown attribute or capability, NOTIFICATION data): equal by
 * content, printed as hex. Thread-safe.
 */
public final class Octets {

    /** No bytes. */
    public static final Octets EMPTY = new Octets(new byte[0]);

    private final byte[] bytes;

    private Octets(byte[] bytes) {
        this.bytes = bytes;
    }

    /** A copy of {@code bytes}. */
    public static Octets of(byte... bytes) {
        return bytes.length == 0 ? EMPTY : new Octets(bytes.clone());
    }

    /** A copy of {@code length} bytes of {@code source} from {@code offset}. */
    public static Octets of(byte[] source, int offset, int length) {
        return length == 0 ? EMPTY : new Octets(Arrays.copyOfRange(source, offset, offset + length));
    }

    /** Parses hex text (whitespace ignored). */
    public static Octets fromHex(String hex) {
        return new Octets(HexFormat.of().parseHex(hex.replaceAll("\\s", "")));
    }

    public int length() {
        return bytes.length;
    }

    /** The byte at {@code index}, unsigned. */
    public int get(int index) {
        return bytes[index] & 0xFF;
    }

    /** A fresh copy of the bytes. */
    public byte[] toArray() {
        return bytes.clone();
    }

    /** Copies the bytes into {@code target} at {@code offset}. */
    void copyTo(byte[] target, int offset) {
        System.arraycopy(bytes, 0, target, offset, bytes.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Octets other && Arrays.equals(bytes, other.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return HexFormat.of().formatHex(bytes);
    }
}
