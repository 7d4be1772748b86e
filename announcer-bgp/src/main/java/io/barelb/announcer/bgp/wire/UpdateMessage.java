package io.barelb.announcer.bgp.wire;

import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Optional;

/**
 * UPDATE (RFC 4271 §4.3). {@code withdrawn} and {@code nlri} are IPv4 prefixes; IPv6 (and IPv4 over MP-BGP)
 * travel in {@link PathAttribute.MpReachNlri} / {@link PathAttribute.MpUnreachNlri}.
 *
 * <pre>
 * +-----------------------------------------------------+
 * |   Withdrawn Routes Length (2 octets)                |
 * |   Withdrawn Routes (variable)                       |
 * |   Total Path Attribute Length (2 octets)            |
 * |   Path Attributes (variable)                        |
 * |   Network Layer Reachability Information (variable) |
 * +-----------------------------------------------------+
 * </pre>
 *
 * @param problems what the decoder found and handled under RFC 7606 without resetting the session (empty for a
 *                 well-formed or locally built message; the encoder ignores it)
 */
public record UpdateMessage(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri,
        List<UpdateProblem> problems) implements BgpMessage {

    public static final int TYPE = 2;

    public UpdateMessage {
        withdrawn = List.copyOf(withdrawn);
        attributes = List.copyOf(attributes);
        nlri = List.copyOf(nlri);
        problems = List.copyOf(problems);
        for (IpPrefix prefix : withdrawn) {
            requireIpv4(prefix, "withdrawn routes");
        }
        for (IpPrefix prefix : nlri) {
            requireIpv4(prefix, "NLRI");
        }
    }

    public UpdateMessage(List<IpPrefix> withdrawn, List<PathAttribute> attributes, List<IpPrefix> nlri) {
        this(withdrawn, attributes, nlri, List.of());
    }

    /** The End-of-RIB marker of RFC 4724 §2 for {@code family}. */
    public static UpdateMessage endOfRib(AddressFamily family) {
        if (family.equals(AddressFamily.IPV4_UNICAST)) {
            return new UpdateMessage(List.of(), List.of(), List.of());
        }
        return new UpdateMessage(List.of(), List.of(new PathAttribute.MpUnreachNlri(family, List.of())), List.of());
    }

    /** The family this message is the End-of-RIB marker of, if it is one. */
    public Optional<AddressFamily> endOfRibFamily() {
        if (withdrawn.isEmpty() && nlri.isEmpty()) {
            if (attributes.isEmpty()) {
                return Optional.of(AddressFamily.IPV4_UNICAST);
            }
            if (attributes.size() == 1 && attributes.get(0) instanceof PathAttribute.MpUnreachNlri unreach
                    && unreach.withdrawn().isEmpty()) {
                return Optional.of(unreach.family());
            }
        }
        return Optional.empty();
    }

    /** The first attribute of {@code kind}. */
    public <A extends PathAttribute> Optional<A> attribute(Class<A> kind) {
        return attributes.stream().filter(kind::isInstance).map(kind::cast).findFirst();
    }

    /** True if RFC 7606 says to treat every route of this message as withdrawn. */
    public boolean treatAsWithdraw() {
        return problems.stream().anyMatch(p -> p.action() == UpdateProblem.Action.TREAT_AS_WITHDRAW);
    }

    /** Reachable prefixes of every family: the NLRI field and MP_REACH_NLRI. */
    public int reachableCount() {
        return nlri.size() + attribute(PathAttribute.MpReachNlri.class).map(a -> a.nlri().size()).orElse(0);
    }

    /** Withdrawn prefixes of every family: the Withdrawn Routes field and MP_UNREACH_NLRI. */
    public int withdrawnCount() {
        return withdrawn.size() + attribute(PathAttribute.MpUnreachNlri.class).map(a -> a.withdrawn().size()).orElse(0);
    }

    @Override
    public int type() {
        return TYPE;
    }

    private static void requireIpv4(IpPrefix prefix, String field) {
        if (!prefix.network().isIpv4()) {
            throw new IllegalArgumentException("the " + field + " field holds IPv4 prefixes only, not " + prefix
                    + "; IPv6 goes in MP_REACH_NLRI/MP_UNREACH_NLRI");
        }
    }
}
