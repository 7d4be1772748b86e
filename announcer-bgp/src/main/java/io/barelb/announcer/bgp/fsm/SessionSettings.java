package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one session of {@link BgpFsm} is configured with. Immutable.
 *
 * @param localAsn              the AS this side shows the peer (4 octets; AS_TRANS goes in the 2-octet field if needed)
 * @param peerAs                the AS the peer's OPEN must carry
 * @param routerId              this side's BGP identifier (IPv4)
 * @param holdTime              the hold time proposed in OPEN: 0, or 3 s to 65535 s
 * @param keepaliveTime         the configured keepalive, if any; at most a third of the negotiated hold time is used
 * @param connectRetryTime      the first wait between connection attempts; it doubles after each failure
 * @param connectRetryMaximum   the longest wait between attempts
 * @param families              the address families this side announces with the multiprotocol capability
 * @param gracefulRestart       announce graceful restart (RFC 4724) as a restarting-capable speaker
 * @param restartTimeSeconds    the restart time put in that capability (0 to 4095)
 * @param restartingUntil       OPENs sent before this instant set the Restart State (R) bit (RFC 4724 §3): the
 *                              end of the first restart-time window after the process started; {@link Instant#MIN}
 *                              for never
 */
public record SessionSettings(long localAsn, ExpectedPeerAs peerAs, IpAddress routerId, Duration holdTime,
        Optional<Duration> keepaliveTime, Duration connectRetryTime, Duration connectRetryMaximum,
        List<AddressFamily> families, boolean gracefulRestart, int restartTimeSeconds, Instant restartingUntil) {

    /** RFC 4271 §8.2.2: the hold timer in OpenSent ("a large value, 4 minutes is suggested"). */
    public static final Duration OPEN_SENT_HOLD_TIME = Duration.ofMinutes(4);
    /** RFC 4271 §10: the suggested ConnectRetryTime, used here as the backoff's ceiling by default. */
    public static final Duration DEFAULT_CONNECT_RETRY_MAXIMUM = Duration.ofSeconds(120);

    /** Settings whose OPENs never set the Restart State bit. */
    public SessionSettings(long localAsn, ExpectedPeerAs peerAs, IpAddress routerId, Duration holdTime,
            Optional<Duration> keepaliveTime, Duration connectRetryTime, Duration connectRetryMaximum,
            List<AddressFamily> families, boolean gracefulRestart, int restartTimeSeconds) {
        this(localAsn, peerAs, routerId, holdTime, keepaliveTime, connectRetryTime, connectRetryMaximum, families,
                gracefulRestart, restartTimeSeconds, Instant.MIN);
    }

    public SessionSettings {
        Objects.requireNonNull(peerAs, "peerAs");
        Objects.requireNonNull(restartingUntil, "restartingUntil");
        Objects.requireNonNull(keepaliveTime, "keepaliveTime");
        if (localAsn <= 0 || localAsn > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("the local ASN is 1 to 4294967295, not " + localAsn);
        }
        if (!routerId.isIpv4()) {
            throw new IllegalArgumentException("the router ID (BGP identifier) is an IPv4 address, not " + routerId);
        }
        long hold = holdTime.getSeconds();
        if (hold < 0 || hold > 0xFFFF || hold == 1 || hold == 2) {
            throw new IllegalArgumentException("the hold time is 0 or 3 to 65535 s (RFC 4271 §4.2), not " + holdTime);
        }
        if (connectRetryTime.isNegative() || connectRetryTime.isZero()
                || connectRetryMaximum.compareTo(connectRetryTime) < 0) {
            throw new IllegalArgumentException("connect retry " + connectRetryTime + " must be positive and at most "
                    + connectRetryMaximum);
        }
        if (restartTimeSeconds < 0 || restartTimeSeconds > 0xFFF) {
            throw new IllegalArgumentException("the graceful restart time is 0 to 4095 s, not " + restartTimeSeconds);
        }
        families = List.copyOf(families);
        if (families.isEmpty()) {
            throw new IllegalArgumentException("a session announces at least one address family");
        }
    }

    /**
     * The end of the window in which a process started at {@code processStart} says it has restarted: one
     * restart time (RFC 4724 §4.1). A fresh process cannot tell a restart from a first start, so it claims the
     * restart for as long as a peer could still hold its routes.
     */
    public static Instant restartWindowEnd(Instant processStart, int restartTimeSeconds) {
        return processStart.plusSeconds(restartTimeSeconds);
    }

    /** True if an OPEN sent at {@code now} sets the Restart State bit. */
    public boolean restarting(Instant now) {
        return gracefulRestart && now.isBefore(restartingUntil);
    }

    /** True for iBGP as far as the configuration tells (a dynamic external peer is eBGP). */
    public boolean internal() {
        return peerAs.internalFor(localAsn);
    }
}
