package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.fsm.BfdSession;
import io.barelb.announcer.bgp.bfd.fsm.BfdSessionActions;
import io.barelb.announcer.bgp.bfd.wire.BfdControlCodec;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Drives one {@link BfdSession} on the event loop: sends what it transmits on the session's own connected
 * channel, and keeps one timer armed at its next deadline. A packet that pushes the detection deadline later
 * does not re-arm the timer (it fires early, finds nothing due and re-arms), so the receive path schedules
 * nothing. Confined to the event loop.
 */
final class SessionDriver implements BfdSessionActions {

    private final InetAddress peer;
    private final Channel channel;
    private final EventLoop loop;
    private final LongSupplier clock;
    private final StateFanOut listeners;
    private final Runnable fire = this::fire;
    private BfdSession session;
    private ScheduledFuture<?> timer;
    private ByteBuf sendBuffer;
    private long armedFor = Long.MAX_VALUE;
    private long sendFailures;

    SessionDriver(InetAddress peer, Channel channel, LongSupplier clock, StateFanOut listeners) {
        this.peer = peer;
        this.channel = channel;
        this.loop = channel.eventLoop();
        this.clock = clock;
        this.listeners = listeners;
    }

    void attach(BfdSession bfdSession) {
        this.session = bfdSession;
    }

    BfdSession session() {
        return session;
    }

    InetAddress peer() {
        return peer;
    }

    Channel channel() {
        return channel;
    }

    long sendFailures() {
        return sendFailures;
    }

    @Override
    public void transmit(BfdControlFields packet) {
        if (!channel.isActive()) {
            sendFailures++;
            return;
        }
        ByteBuf buffer = reusableBuffer();
        BfdControlCodec.encode(packet, buffer);
        channel.writeAndFlush(buffer, channel.voidPromise());
    }

    /**
     * The session's one send buffer, cleared: this driver holds a reference and each write takes one more, which
     * the channel gives back once the datagram is out (at once on a writable socket, since writes happen on the
     * loop). Should a write still be queued (socket full), a pooled buffer of its own is used for this packet.
     */
    private ByteBuf reusableBuffer() {
        if (sendBuffer == null) {
            sendBuffer = channel.alloc().directBuffer(BfdControlCodec.MANDATORY_LENGTH, BfdControlCodec.MANDATORY_LENGTH);
        }
        if (sendBuffer.refCnt() != 1) {
            return channel.alloc().directBuffer(BfdControlCodec.MANDATORY_LENGTH);
        }
        return sendBuffer.clear().retain();
    }

    @Override
    public void stateChanged(BfdState from, BfdState to, BfdDiagnostic diagnostic) {
        listeners.stateChanged(peer, from, to, diagnostic);
    }

    /** After any event: make sure a timer fires no later than the session's next deadline. */
    void rearm() {
        long deadline = session.nextDeadlineNanos();
        if (deadline == Long.MAX_VALUE || (timer != null && armedFor <= deadline)) {
            return;
        }
        if (timer != null) {
            timer.cancel(false);
        }
        armedFor = deadline;
        timer = loop.schedule(fire, Math.max(0, deadline - clock.getAsLong()), TimeUnit.NANOSECONDS);
    }

    private void fire() {
        timer = null;
        armedFor = Long.MAX_VALUE;
        session.onTimer(clock.getAsLong());
        rearm();
    }

    /** Stops the timer and closes the channel. */
    void close() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
        channel.close();
        if (sendBuffer != null) {
            sendBuffer.release();
            sendBuffer = null;
        }
    }

    int sourcePort() {
        java.net.SocketAddress local = channel.localAddress();
        return local instanceof java.net.InetSocketAddress inet ? inet.getPort() : 0;
    }
}
