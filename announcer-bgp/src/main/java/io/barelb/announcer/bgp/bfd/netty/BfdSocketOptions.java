package io.barelb.announcer.bgp.bfd.netty;

import io.netty.channel.unix.IntegerUnixChannelOption;

/**
 * The Linux socket options BFD needs and Netty has no constant for, as (level, optname) pairs from
 * {@code <netinet/in.h>} and {@code <linux/in6.h>}. Netty's epoll channels pass any
 * {@link IntegerUnixChannelOption} straight to {@code setsockopt}.
 *
 * <p>RFC 5881 §5: single-hop packets go out with TTL / hop limit 255 and a receiver discards any other. Netty's
 * epoll {@code DatagramPacket} cannot tell the received TTL, so the receive socket asks the kernel to drop them:
 * {@code IP_MINTTL} / {@code IPV6_MINHOPCOUNT} (GTSM, RFC 5082).
 */
final class BfdSocketOptions {

    private static final int SOL_IP = 0;
    private static final int SOL_IPV6 = 41;

    /** Unicast TTL of sent IPv4 packets. ({@code ChannelOption.IP_MULTICAST_TTL} is only the multicast one.) */
    static final IntegerUnixChannelOption IP_TTL = new IntegerUnixChannelOption("IP_TTL", SOL_IP, 2);
    /** Lowest TTL the kernel accepts on this IPv4 socket. */
    static final IntegerUnixChannelOption IP_MINTTL = new IntegerUnixChannelOption("IP_MINTTL", SOL_IP, 21);
    /** Unicast hop limit of sent IPv6 packets. */
    static final IntegerUnixChannelOption IPV6_UNICAST_HOPS =
            new IntegerUnixChannelOption("IPV6_UNICAST_HOPS", SOL_IPV6, 16);
    /** Lowest hop limit the kernel accepts on this IPv6 socket. */
    static final IntegerUnixChannelOption IPV6_MINHOPCOUNT =
            new IntegerUnixChannelOption("IPV6_MINHOPCOUNT", SOL_IPV6, 73);
    /** IPv6 only, so an IPv4 socket can hold the same port. */
    static final IntegerUnixChannelOption IPV6_V6ONLY = new IntegerUnixChannelOption("IPV6_V6ONLY", SOL_IPV6, 26);
    /** IPv6 traffic class (the IPv4 TOS is {@code ChannelOption.IP_TOS}). */
    static final IntegerUnixChannelOption IPV6_TCLASS = new IntegerUnixChannelOption("IPV6_TCLASS", SOL_IPV6, 67);

    /** DSCP CS6 (network control), as BIRD and FRR mark BFD. */
    static final int NETWORK_CONTROL = 0xC0;
    /** RFC 5881 §5: the only TTL / hop limit a single-hop packet may carry. */
    static final int SINGLE_HOP_TTL = 255;

    private BfdSocketOptions() {
    }
}
