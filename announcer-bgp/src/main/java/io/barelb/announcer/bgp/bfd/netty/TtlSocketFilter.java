package io.barelb.announcer.bgp.bfd.netty;

import io.netty.channel.unix.RawUnixChannelOption;
import io.netty.util.internal.PlatformDependent;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * A classic BPF socket filter ({@code SO_ATTACH_FILTER}) that drops every datagram whose IPv4 TTL or IPv6 hop
 * limit is below a minimum: the RFC 5881 §5 check, done by the kernel because Netty's epoll
 * {@code DatagramPacket} cannot carry the received TTL. (IP_MINTTL / IPV6_MINHOPCOUNT look like the tool for
 * this, but Linux checks them for TCP only: measured on 6.18, a UDP socket with IP_MINTTL 255 still received a
 * TTL 254 packet; see docs/bfd.md.)
 *
 * <p>The filter runs with the packet at the UDP header; {@code SKF_NET_OFF} reaches back into the IP header:
 * <pre>
 *   ldb  [SKF_NET_OFF + 8]     ; IPv4 TTL (IPv6: offset 7, hop limit)
 *   jge  #minimum, accept, drop
 *   accept: ret #-1            ; the whole packet
 *   drop:   ret #0
 * </pre>
 */
final class TtlSocketFilter {

    private static final int SOL_SOCKET = 1;
    private static final int SO_ATTACH_FILTER = 26;
    /** {@code struct sock_fprog}: an unsigned short length, padding, a pointer (64-bit Linux). */
    private static final int FPROG_LENGTH = 16;
    static final RawUnixChannelOption SO_ATTACH_FILTER_OPTION =
            new RawUnixChannelOption("SO_ATTACH_FILTER", SOL_SOCKET, SO_ATTACH_FILTER, FPROG_LENGTH);

    private static final int SKF_NET_OFF = -0x100000;
    private static final short LD_B_ABS = 0x30;
    private static final short JMP_JGE_K = 0x35;
    private static final short RET_K = 0x06;
    private static final int IPV4_TTL_OFFSET = 8;
    private static final int IPV6_HOP_LIMIT_OFFSET = 7;

    private TtlSocketFilter() {
    }

    /** True if this JVM lets Netty see direct buffer addresses (the filter program is passed by pointer). */
    static boolean supported() {
        return PlatformDependent.hasUnsafe() && PlatformDependent.directBufferPreferred();
    }

    /**
     * The {@code sock_fprog} to pass as {@link #SO_ATTACH_FILTER_OPTION}. The program it points to is
     * {@code program[0]}, which the caller keeps reachable until the option is set (the kernel copies it then).
     */
    static ByteBuffer program(boolean ipv6, int minimumTtl, ByteBuffer[] program) {
        ByteBuffer instructions = ByteBuffer.allocateDirect(4 * 8).order(ByteOrder.nativeOrder());
        instruction(instructions, LD_B_ABS, 0, 0, SKF_NET_OFF + (ipv6 ? IPV6_HOP_LIMIT_OFFSET : IPV4_TTL_OFFSET));
        instruction(instructions, JMP_JGE_K, 0, 1, minimumTtl);
        instruction(instructions, RET_K, 0, 0, -1);
        instruction(instructions, RET_K, 0, 0, 0);
        instructions.flip();
        program[0] = instructions;
        ByteBuffer fprog = ByteBuffer.allocateDirect(FPROG_LENGTH).order(ByteOrder.nativeOrder());
        fprog.putShort(0, (short) 4);
        fprog.putLong(8, PlatformDependent.directBufferAddress(instructions));
        return fprog;
    }

    private static void instruction(ByteBuffer out, short code, int jumpTrue, int jumpFalse, int k) {
        out.putShort(code).put((byte) jumpTrue).put((byte) jumpFalse).putInt(k);
    }
}
