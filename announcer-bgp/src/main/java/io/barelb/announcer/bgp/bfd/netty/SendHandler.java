package io.barelb.announcer.bgp.bfd.netty;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On a session's send socket: nothing should arrive (peers send to 3784), so anything that does is dropped; an
 * ICMP port unreachable (the peer runs no BFD yet) comes back as an exception on a connected socket and is
 * expected, so it is logged at debug without a stack trace.
 */
@ChannelHandler.Sharable
final class SendHandler extends ChannelInboundHandlerAdapter {

    static final SendHandler INSTANCE = new SendHandler();

    private static final Logger LOG = LoggerFactory.getLogger(SendHandler.class);

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        ReferenceCountUtil.release(msg);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("BFD send socket {} -> {}: {}", ctx.channel().localAddress(), ctx.channel().remoteAddress(),
                cause.toString());
    }
}
