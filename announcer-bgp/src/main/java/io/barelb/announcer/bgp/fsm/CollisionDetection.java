package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.api.net.IpAddress;

/**
 * Connection collision detection (RFC 4271 §6.8): when this side and the peer open a connection to each other
 * at once, exactly one survives, the same one on both sides. Pure.
 */
public final class CollisionDetection {

    /** Which of the two connections survives. */
    public enum Survivor {
        /** The connection this side opened. */
        LOCALLY_INITIATED,
        /** The connection the peer opened (and this side accepted). */
        REMOTELY_INITIATED
    }

    /** The NOTIFICATION sent on the connection that is closed (RFC 4486 §3, subcode 7). */
    public static final NotificationMessage CLOSING_NOTIFICATION =
            NotificationMessage.of(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION);

    private CollisionDetection() {
    }

    /**
     * True if an OPEN arriving on a new connection collides with the existing one in {@code existing}: §6.8
     * detects it against a connection in OpenConfirm (or OpenSent, once the peer's identifier is known from
     * another connection) and always keeps an Established one.
     */
    public static boolean collides(SessionState existing) {
        return existing == SessionState.OPEN_SENT || existing == SessionState.OPEN_CONFIRM;
    }

    /**
     * §6.8: the identifiers are compared as 4-octet unsigned integers; the side with the higher one keeps the
     * connection it opened.
     */
    public static Survivor survivor(IpAddress localId, IpAddress remoteId) {
        if (!localId.isIpv4() || !remoteId.isIpv4()) {
            throw new IllegalArgumentException("BGP identifiers are IPv4 addresses: " + localId + ", " + remoteId);
        }
        // IpAddress orders IPv4 addresses as unsigned 32-bit values
        return localId.compareTo(remoteId) > 0 ? Survivor.LOCALLY_INITIATED : Survivor.REMOTELY_INITIATED;
    }

    /**
     * §6.8 with RFC 6286 §2.3's tie-break: when the identifiers are equal (possible between different ASes), the
     * connection opened by the speaker with the larger AS number survives.
     */
    public static Survivor survivor(IpAddress localId, long localAs, IpAddress remoteId, long remoteAs) {
        if (localId.equals(remoteId)) {
            return localAs > remoteAs ? Survivor.LOCALLY_INITIATED : Survivor.REMOTELY_INITIATED;
        }
        return survivor(localId, remoteId);
    }

    /**
     * The survivor when the existing connection is {@code existing} (opened by this side if {@code existingIsLocal}):
     * an Established connection always survives (§6.8), the new one is closed.
     */
    public static Survivor survivor(SessionState existing, boolean existingIsLocal, IpAddress localId,
            IpAddress remoteId) {
        if (existing == SessionState.ESTABLISHED) {
            return existingIsLocal ? Survivor.LOCALLY_INITIATED : Survivor.REMOTELY_INITIATED;
        }
        return survivor(localId, remoteId);
    }
}
