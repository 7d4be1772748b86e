package io.barelb.announcer.bgp.wire;

/**
 * A malformed part of a received UPDATE that RFC 7606 answers without a session reset.
 *
 * @param error     the error a pre-RFC 7606 speaker would have sent
 * @param typeCode  the attribute concerned, or -1 for the message as a whole
 * @param action    what RFC 7606 says to do
 * @param detail    a human-readable description for the log
 */
public record UpdateProblem(BgpError error, int typeCode, Action action, String detail) {

    /** RFC 7606 §2. */
    public enum Action {
        /** Every route of the UPDATE is treated as withdrawn. */
        TREAT_AS_WITHDRAW,
        /** The attribute is discarded and the UPDATE otherwise processed. */
        ATTRIBUTE_DISCARD
    }
}
