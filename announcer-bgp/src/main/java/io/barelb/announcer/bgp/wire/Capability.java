package io.barelb.announcer.bgp.wire;

import java.util.List;
import java.util.Objects;

/**
 * A capability advertised in OPEN (RFC 5492 §4): code, length, value. Those this speaker negotiates are typed;
 * every other one is kept as {@link Unknown} data.
 */
public sealed interface Capability {

    /** The Capability Code octet. */
    int code();

    /** Multiprotocol extensions (RFC 4760 §8), code 1: AFI (2), reserved (1), SAFI (1). */
    record Multiprotocol(AddressFamily family) implements Capability {
        public static final int CODE = 1;

        @Override
        public int code() {
            return CODE;
        }
    }

    /** Route refresh (RFC 2918 §2), code 2, no value. */
    record RouteRefresh() implements Capability {
        public static final int CODE = 2;

        @Override
        public int code() {
            return CODE;
        }
    }

    /**
     * Graceful restart (RFC 4724 §3), code 64: restart flags (4 bits; R = restarting, bit 0x8), restart time
     * (12 bits, seconds), then per family AFI (2), SAFI (1) and flags (F = forwarding state preserved, 0x80).
     *
     * @param restarting     the R bit: this speaker has restarted
     * @param restartTimeSeconds 0 to 4095
     * @param families       the families whose forwarding state may be kept
     */
    record GracefulRestart(boolean restarting, int restartTimeSeconds, List<Family> families) implements Capability {
        public static final int CODE = 64;

        public GracefulRestart {
            if (restartTimeSeconds < 0 || restartTimeSeconds > 0xFFF) {
                throw new IllegalArgumentException("restart time is 12 bits: " + restartTimeSeconds);
            }
            families = List.copyOf(families);
        }

        @Override
        public int code() {
            return CODE;
        }

        /** One (AFI, SAFI) entry of the capability. */
        public record Family(AddressFamily family, boolean forwardingPreserved) {
            public Family {
                Objects.requireNonNull(family, "family");
            }
        }
    }

    /** Support for 4-octet AS numbers (RFC 6793 §3), code 65: the speaker's ASN, 4 octets. */
    record FourOctetAs(long asn) implements Capability {
        public static final int CODE = 65;

        public FourOctetAs {
            if (asn < 0 || asn > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("an ASN is 4 octets unsigned: " + asn);
            }
        }

        @Override
        public int code() {
            return CODE;
        }
    }

    /** A capability this speaker does not negotiate, kept as data (enhanced route refresh, FQDN, ...). */
    record Unknown(int code, Octets value) implements Capability {
        public Unknown {
            if (code < 0 || code > 255 || value.length() > 255) {
                throw new IllegalArgumentException("capability code and length are octets: " + code);
            }
        }
    }
}
