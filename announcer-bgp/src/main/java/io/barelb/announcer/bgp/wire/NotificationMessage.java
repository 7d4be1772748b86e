package io.barelb.announcer.bgp.wire;

import java.util.Objects;
import java.util.Optional;

/**
 * NOTIFICATION (RFC 4271 §4.5). The pair is kept raw so a received code this speaker does not know is still data;
 * {@link #error()} maps it onto {@link BgpError}.
 *
 * <pre>
 *  0                   1                   2
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-- - -
 * |  Error code   | Error subcode |   Data (variable)
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-- - -
 * </pre>
 */
public record NotificationMessage(int code, int subcode, Octets data) implements BgpMessage {

    public static final int TYPE = 3;

    public NotificationMessage {
        if (code < 0 || code > 255 || subcode < 0 || subcode > 255) {
            throw new IllegalArgumentException("error code and subcode are octets: " + code + "/" + subcode);
        }
        Objects.requireNonNull(data, "data");
    }

    public static NotificationMessage of(BgpError error, Octets data) {
        return new NotificationMessage(error.code(), error.subcode(), data);
    }

    public static NotificationMessage of(BgpError error) {
        return of(error, Octets.EMPTY);
    }

    /** The known error, or empty for a pair this speaker does not know. */
    public Optional<BgpError> error() {
        return BgpError.of(code, subcode);
    }

    /** The error as a log line: the known name or the raw numbers, and the data when present. */
    public String describe() {
        String name = error().map(BgpError::describe).orElse("unknown error " + code + "/" + subcode);
        return data.length() == 0 ? name : name + " data " + data;
    }

    @Override
    public int type() {
        return TYPE;
    }
}
