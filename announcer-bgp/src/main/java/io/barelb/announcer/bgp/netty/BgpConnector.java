package io.barelb.announcer.bgp.netty;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;

/** Opens the TCP connection of a session, its pipeline built by {@code initializer}. */
@FunctionalInterface
public interface BgpConnector {

    /** Starts connecting; the future completes when the connection is up or has failed. */
    ChannelFuture connect(ChannelHandler initializer);
}
