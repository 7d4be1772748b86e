package io.barelb.announcer.bgp.fsm;

import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
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
 */
public record SessionSettings(long localAsn, ExpectedPeerAs peerAs, IpAddress routerId, Duration holdTime,
        Optional<Duration> keepaliveTime, Duration connectRetryTime, Duration connectRetryMaximum,
        List<AddressFamily> families, boolean gracefulRestart, int restartTimeSeconds) {

    /** RFC 4271 §8.2.2: the hold timer in OpenSent ("a large value, 4 minutes is suggested"). */
    public static final Duration OPEN_SENT_HOLD_TIME = Duration.ofMinutes(4);
    /** RFC 4271 §10: the suggested ConnectRetryTime, used here as the backoff's ceiling by default. */
    public static final Duration DEFAULT_CONNECT_RETRY_MAXIMUM = Duration.ofSeconds(120);

    public SessionSettings {
        Objects.requireNonNull(peerAs, "peerAs");
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

    /** True for iBGP as far as the configuration tells (a dynamic external peer is eBGP). */
    public boolean internal() {
        return peerAs.internalFor(localAsn);
    }
}
