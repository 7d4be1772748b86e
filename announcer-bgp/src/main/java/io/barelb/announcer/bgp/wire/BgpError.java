package io.barelb.announcer.bgp.wire;

import java.util.Optional;

/**
 * Every (error code, error subcode) pair this speaker sends or recognises in a NOTIFICATION: RFC 4271 §4.5 and §6,
 * the FSM error subcodes of RFC 6608, the Cease subcodes of RFC 4486 and RFC 8538, and the ROUTE-REFRESH error of
 * RFC 7313. One protocol error maps to exactly one constant, and a constant to exactly one NOTIFICATION.
 */
public enum BgpError {
    /** §6.1, subcode unspecific. */
    MESSAGE_HEADER_ERROR(1, 0),
    /** §6.1: the marker is not all ones. */
    CONNECTION_NOT_SYNCHRONIZED(1, 1),
    /** §6.1: data is the erroneous 2-octet Length field. */
    BAD_MESSAGE_LENGTH(1, 2),
    /** §6.1: data is the erroneous Type field. */
    BAD_MESSAGE_TYPE(1, 3),

    /** §6.2, subcode unspecific (also used for malformed capabilities, RFC 5492 §3). */
    OPEN_MESSAGE_ERROR(2, 0),
    /** §6.2: data is the largest version we support, 2 octets. */
    UNSUPPORTED_VERSION_NUMBER(2, 1),
    BAD_PEER_AS(2, 2),
    BAD_BGP_IDENTIFIER(2, 3),
    UNSUPPORTED_OPTIONAL_PARAMETER(2, 4),
    UNACCEPTABLE_HOLD_TIME(2, 6),
    /** RFC 5492 §5: data lists the capabilities that caused it. */
    UNSUPPORTED_CAPABILITY(2, 7),

    /** §6.3, subcode unspecific. */
    UPDATE_MESSAGE_ERROR(3, 0),
    MALFORMED_ATTRIBUTE_LIST(3, 1),
    UNRECOGNIZED_WELL_KNOWN_ATTRIBUTE(3, 2),
    MISSING_WELL_KNOWN_ATTRIBUTE(3, 3),
    ATTRIBUTE_FLAGS_ERROR(3, 4),
    ATTRIBUTE_LENGTH_ERROR(3, 5),
    INVALID_ORIGIN_ATTRIBUTE(3, 6),
    INVALID_NEXT_HOP_ATTRIBUTE(3, 8),
    OPTIONAL_ATTRIBUTE_ERROR(3, 9),
    INVALID_NETWORK_FIELD(3, 10),
    MALFORMED_AS_PATH(3, 11),

    /** §6.5. */
    HOLD_TIMER_EXPIRED(4, 0),

    /** §6.6, subcode unspecific. */
    FSM_ERROR(5, 0),
    /** RFC 6608: an unexpected message in OpenSent. */
    FSM_UNEXPECTED_MESSAGE_IN_OPEN_SENT(5, 1),
    /** RFC 6608: an unexpected message in OpenConfirm. */
    FSM_UNEXPECTED_MESSAGE_IN_OPEN_CONFIRM(5, 2),
    /** RFC 6608: an unexpected message in Established. */
    FSM_UNEXPECTED_MESSAGE_IN_ESTABLISHED(5, 3),

    /** §6.7, subcode unspecific. */
    CEASE(6, 0),
    CEASE_MAXIMUM_PREFIXES_REACHED(6, 1),
    CEASE_ADMINISTRATIVE_SHUTDOWN(6, 2),
    CEASE_PEER_DECONFIGURED(6, 3),
    CEASE_ADMINISTRATIVE_RESET(6, 4),
    CEASE_CONNECTION_REJECTED(6, 5),
    CEASE_OTHER_CONFIGURATION_CHANGE(6, 6),
    /** §6.8 via RFC 4486. */
    CEASE_CONNECTION_COLLISION_RESOLUTION(6, 7),
    CEASE_OUT_OF_RESOURCES(6, 8),
    /** RFC 8538. */
    CEASE_HARD_RESET(6, 9),

    /** RFC 7313 §5: a ROUTE-REFRESH whose length is not 23. */
    ROUTE_REFRESH_INVALID_MESSAGE_LENGTH(7, 1);

    private final int code;
    private final int subcode;

    BgpError(int code, int subcode) {
        this.code = code;
        this.subcode = subcode;
    }

    /** The error code octet. */
    public int code() {
        return code;
    }

    /** The error subcode octet. */
    public int subcode() {
        return subcode;
    }

    /** The constant for a received (code, subcode), or empty for a pair this speaker does not know. */
    public static Optional<BgpError> of(int code, int subcode) {
        for (BgpError error : values()) {
            if (error.code == code && error.subcode == subcode) {
                return Optional.of(error);
            }
        }
        return Optional.empty();
    }

    /** {@code NAME (code/subcode)}, as logs and status show it. */
    public String describe() {
        return name() + " (" + code + "/" + subcode + ")";
    }
}
