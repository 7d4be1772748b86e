package io.barelb.announcer.bgp.wire;

/**
 * The one exception decoding throws: the message is malformed in a way the RFCs answer with a NOTIFICATION
 * (session reset). It carries the {@link BgpError} and the Data field of that NOTIFICATION, so the caller sends
 * {@link #toNotification()} and closes. Errors that RFC 7606 answers with treat-as-withdraw or attribute-discard
 * are not thrown; they are reported on the decoded {@link UpdateMessage}.
 */
public final class BgpDecodeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final BgpError error;
    private final Octets data;

    public BgpDecodeException(BgpError error, Octets data, String detail) {
        super(error.describe() + ": " + detail, null, false, false);
        this.error = error;
        this.data = data;
    }

    public BgpDecodeException(BgpError error, String detail) {
        this(error, Octets.EMPTY, detail);
    }

    public BgpError error() {
        return error;
    }

    /** The Data field of the NOTIFICATION this error causes. */
    public Octets data() {
        return data;
    }

    /** The NOTIFICATION to send for this error. */
    public NotificationMessage toNotification() {
        return NotificationMessage.of(error, data);
    }
}
