package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.fsm.BfdReceiveOutcome;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the receive socket (UDP 3784): every datagram goes to the manager's receiver, then the session it reached
 * re-arms its timer. The socket's IP_MINTTL / IPV6_MINHOPCOUNT already dropped every packet below TTL 255, so
 * the TTL passed on is -1 (enforced below us). The source port is never checked: BIRD sends from ports outside
 * 49152-65535 (see docs/bfd.md).
 */
final class ReceiveHandler extends ChannelInboundHandlerAdapter {

    private static final Logger LOG = LoggerFactory.getLogger(ReceiveHandler.class);

    private final BfdSessions sessions;

    ReceiveHandler(BfdSessions sessions) {
        this.sessions = sessions;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket packet)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            BfdReceiveOutcome outcome = sessions.received(packet.content(), packet.sender().getAddress());
            if (outcome != BfdReceiveOutcome.ACCEPTED && LOG.isDebugEnabled()) {
                LOG.debug("BFD packet from {} discarded: {}", packet.sender(), outcome.label());
            }
        } finally {
            packet.release();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.warn("BFD receive socket {}: {}", ctx.channel().localAddress(), cause.toString());
    }
}
