package io.barelb.announcer.bgp.bfd.wire;

/** The BFD session states of RFC 5880 §4.1 (the Sta field), in wire order. */
public enum BfdState {
    ADMIN_DOWN, DOWN, INIT, UP;

    private static final BfdState[] BY_CODE = values();

    /** The 2-bit State field value. */
    public int code() {
        return ordinal();
    }

    /** The state whose code is {@code code & 3}. */
    public static BfdState fromCode(int code) {
        return BY_CODE[code & 3];
    }

    /** The RFC's spelling, as BIRD and FRR show it ({@code AdminDown}, {@code Up}). */
    public String rfcName() {
        return switch (this) {
            case ADMIN_DOWN -> "AdminDown";
            case DOWN -> "Down";
            case INIT -> "Init";
            case UP -> "Up";
        };
    }
}
