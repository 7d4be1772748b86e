package io.barelb.announcer.bgp.bfd.wire;

/**
 * The diagnostic codes of RFC 5880 §4.1 (the Diag field): why the sender's session last changed state. Codes 9-31
 * are reserved; a received reserved code is kept as its number ({@link BfdControlFields#diagnostic()}) and maps to
 * {@code null} here.
 */
public enum BfdDiagnostic {
    NO_DIAGNOSTIC("No Diagnostic"),
    CONTROL_DETECTION_TIME_EXPIRED("Control Detection Time Expired"),
    ECHO_FUNCTION_FAILED("Echo Function Failed"),
    NEIGHBOR_SIGNALED_SESSION_DOWN("Neighbor Signaled Session Down"),
    FORWARDING_PLANE_RESET("Forwarding Plane Reset"),
    PATH_DOWN("Path Down"),
    CONCATENATED_PATH_DOWN("Concatenated Path Down"),
    ADMINISTRATIVELY_DOWN("Administratively Down"),
    REVERSE_CONCATENATED_PATH_DOWN("Reverse Concatenated Path Down");

    private static final BfdDiagnostic[] BY_CODE = values();

    private final String text;

    BfdDiagnostic(String text) {
        this.text = text;
    }

    /** The 5-bit Diag field value. */
    public int code() {
        return ordinal();
    }

    /** The RFC's name for the code, e.g. "Control Detection Time Expired". */
    public String text() {
        return text;
    }

    /** The diagnostic with this code, or {@code null} for a reserved code (9-31) or one out of range. */
    public static BfdDiagnostic fromCode(int code) {
        return code >= 0 && code < BY_CODE.length ? BY_CODE[code] : null;
    }
}
