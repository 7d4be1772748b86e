package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;

/**
 * OPEN (RFC 4271 §4.2) with its capabilities (RFC 5492); the only optional parameter this speaker sends or
 * accepts is Capabilities (type 2). {@code myAutonomousSystem} is the 2-octet field: AS_TRANS (23456) when the
 * real ASN, carried in {@link Capability.FourOctetAs}, does not fit (RFC 6793 §4.1).
 *
 * <pre>
 * +-+-+-+-+-+-+-+-+
 * |    Version    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |     My Autonomous System      |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |           Hold Time           |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |                         BGP Identifier                        |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * | Opt Parm Len  |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * |             Optional Parameters (variable)                    |
 * +-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+-+
 * </pre>
 *
 * @param version            always 4 in a decoded message
 * @param myAutonomousSystem the 2-octet AS field
 * @param holdTimeSeconds    0 or at least 3 in a valid OPEN
 * @param bgpIdentifier      an IPv4 address
 * @param capabilities       in the order received (several parameters are flattened)
 */
public record OpenMessage(int version, int myAutonomousSystem, int holdTimeSeconds, IpAddress bgpIdentifier,
        List<Capability> capabilities) implements BgpMessage {

    public static final int TYPE = 1;
    /** The BGP version this speaker speaks. */
    public static final int VERSION = 4;
    /** RFC 6793: the 2-octet stand-in for a 4-octet ASN. */
    public static final int AS_TRANS = 23456;

    public OpenMessage {
        if (version < 0 || version > 255 || myAutonomousSystem < 0 || myAutonomousSystem > 0xFFFF
                || holdTimeSeconds < 0 || holdTimeSeconds > 0xFFFF) {
            throw new IllegalArgumentException("OPEN field out of range: version " + version + ", AS "
                    + myAutonomousSystem + ", hold time " + holdTimeSeconds);
        }
        if (!bgpIdentifier.isIpv4()) {
            throw new IllegalArgumentException("the BGP identifier is 4 octets, not " + bgpIdentifier);
        }
        capabilities = List.copyOf(capabilities);
    }

    /** An OPEN for {@code asn} (4 octets): the AS field holds the ASN or AS_TRANS, and the capabilities as given. */
    public static OpenMessage of(long asn, int holdTimeSeconds, IpAddress bgpIdentifier, List<Capability> capabilities) {
        int field = asn <= 0xFFFF ? (int) asn : AS_TRANS;
        return new OpenMessage(VERSION, field, holdTimeSeconds, bgpIdentifier, capabilities);
    }

    /** The first capability of {@code kind}. */
    public <C extends Capability> Optional<C> capability(Class<C> kind) {
        return capabilities.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** The speaker's ASN: from the 4-octet AS capability when present, else the 2-octet field. */
    public long autonomousSystem() {
        return capability(Capability.FourOctetAs.class).map(Capability.FourOctetAs::asn)
                .orElse((long) myAutonomousSystem);
    }

    /** The address families announced with the multiprotocol capability. */
    public List<AddressFamily> multiprotocolFamilies() {
        return capabilities.stream().filter(Capability.Multiprotocol.class::isInstance)
                .map(c -> ((Capability.Multiprotocol) c).family()).toList();
    }

    @Override
    public int type() {
        return TYPE;
    }
}
