package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.fsm.BgpFsm;
import io.barelb.announcer.bgp.fsm.FsmAction;
import io.barelb.announcer.bgp.fsm.FsmEvent;
import io.barelb.announcer.bgp.fsm.Negotiated;
import io.barelb.announcer.bgp.fsm.SessionState;
import io.barelb.announcer.bgp.fsm.SessionTimer;
import io.barelb.announcer.bgp.rib.AdjRibOut;
import io.barelb.announcer.bgp.rib.RouteAttributes;
import io.barelb.announcer.bgp.rib.SessionContext;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One BGP session to one peer: the pure {@link BgpFsm} and {@link AdjRibOut} driven by a Netty connection, with
 * timers on the session's scheduler (the channel's event loop). The owner hands it the whole desired route set
 * ({@link #setRoutes}); the session sends the difference while Established and everything (then End-of-RIB)
 * each time it comes up. Connections the peer opens arrive through {@link #accept} (from the listener); the
 * machine adopts, holds (RFC 4271 §6.8 collision) or refuses each. Thread-safe: public methods hop onto the
 * session's thread; everything else runs there.
 */
public final class BgpPeerSession {

    private static final Logger LOG = LoggerFactory.getLogger(BgpPeerSession.class);

    private final String name;
    private final BgpFsm fsm;
    private final SessionScheduler scheduler;
    private final BgpConnector connector;
    private final SessionObserver observer;
    private final Optional<IpAddress> nextHopV4;
    private final Optional<IpAddress> nextHopV6;
    private final AdjRibOut rib = new AdjRibOut();
    private final Map<SessionTimer, SessionScheduler.Cancellable> timers = new EnumMap<>(SessionTimer.class);
    private final java.util.ArrayDeque<Pending> pending = new java.util.ArrayDeque<>();
    private boolean handling;
    private Map<IpPrefix, RouteAttributes> desired = Map.of();
    /** The session's connection and its id (0: none); ids are never reused, so a replaced one's events drop. */
    private Channel channel;
    private long connection;
    /** The peer's colliding connection held beside it (RFC 4271 §6.8), and its id (0: none). */
    private Channel colliding;
    private long collidingId;
    /** The accepted connection on offer while its TcpConnectionAccepted is handled. */
    private Channel offered;
    private long offeredId;
    /** Connection ids: taken on the session's thread (dialling) and on the listener's (accepting). */
    private final java.util.concurrent.atomic.AtomicLong nextId = new java.util.concurrent.atomic.AtomicLong();
    private volatile CodecOptions options = CodecOptions.TWO_OCTET_AS;
    private volatile SessionState state = SessionState.IDLE;

    /**
     * @param name      the peer's name, for logs
     * @param fsm       the session's state machine (in Idle)
     * @param nextHopV4 NEXT_HOP of IPv4 routes (the node's address or the configured {@code sourceAddress})
     * @param nextHopV6 the next hop of IPv6 routes; without one no IPv6 route is sent
     */
    public BgpPeerSession(String name, BgpFsm fsm, SessionScheduler scheduler, BgpConnector connector,
            Optional<IpAddress> nextHopV4, Optional<IpAddress> nextHopV6, SessionObserver observer) {
        this.name = Objects.requireNonNull(name, "name");
        this.fsm = Objects.requireNonNull(fsm, "fsm");
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
        this.connector = Objects.requireNonNull(connector, "connector");
        this.nextHopV4 = Objects.requireNonNull(nextHopV4, "nextHopV4");
        this.nextHopV6 = Objects.requireNonNull(nextHopV6, "nextHopV6");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Starts the session (ManualStart): it connects, and reconnects with backoff until {@link #stop}. */
    public void start() {
        scheduler.execute(() -> handle(new FsmEvent.ManualStart()));
    }

    /** Stops the session (ManualStop): a Cease NOTIFICATION if connected, then nothing until {@link #start}. */
    public void stop() {
        scheduler.execute(() -> handle(new FsmEvent.ManualStop()));
    }

    /** Replaces the whole desired route set; idempotent. While Established only the difference is sent. */
    public void setRoutes(Map<IpPrefix, RouteAttributes> routes) {
        Map<IpPrefix, RouteAttributes> copy = Map.copyOf(routes);
        scheduler.execute(() -> {
            desired = copy;
            if (fsm.state() == SessionState.ESTABLISHED) {
                send(rib.update(desired, context(fsm.negotiated().orElseThrow())));
            }
        });
    }

    /**
     * Takes a connection the listener accepted from this peer's address: builds its pipeline (it must be called
     * from the channel's initializer) and offers it to the machine, which adopts, holds or refuses it.
     */
    public void accept(Channel incoming) {
        long id = newId();
        incoming.pipeline().addLast(new BgpFrameDecoder(), new BgpMessageEncoder(() -> options),
                new BgpChannelHandler(event -> fromConnection(id, event), () -> options, false));
        scheduler.execute(() -> enqueue(new Pending(id, new FsmEvent.TcpConnectionAccepted(), incoming)));
    }

    /** The current state (readable from any thread). */
    public SessionState state() {
        return state;
    }

    /** The prefixes the peer has been sent, on the session's thread. */
    AdjRibOut rib() {
        return rib;
    }

    /** The state machine, on the session's thread. */
    BgpFsm fsm() {
        return fsm;
    }

    /**
     * Feeds {@code event} to the machine. An event raised while actions are being carried out (a connector that
     * fails at once, a channel active on creation) is queued and handled after them, so actions keep their order.
     */
    private void handle(FsmEvent event) {
        enqueue(new Pending(0, event, null));
    }

    /**
     * An event waiting its turn: {@code from} is the connection it happened on (0: timers, the owner), mapped to
     * the session's or the colliding connection when its turn comes; {@code offer} is an accepted connection.
     */
    private record Pending(long from, FsmEvent event, Channel offer) {
    }

    private void enqueue(Pending event) {
        pending.add(event);
        if (handling) {
            return;
        }
        handling = true;
        try {
            Pending next;
            while ((next = pending.poll()) != null) {
                dispatch(next);
            }
        } finally {
            handling = false;
        }
    }

    private void dispatch(Pending next) {
        if (next.offer() != null) {
            offered = next.offer();
            offeredId = next.from();
            handleNow(next.event());
            if (offered != null) {
                // the machine took no decision on it (it always does): never leave a socket open
                refuse(Optional.empty());
            }
        } else if (next.from() == 0 || next.from() == connection) {
            handleNow(next.event());
        } else if (next.from() == collidingId) {
            handleNow(new FsmEvent.OnCollidingConnection(next.event()));
        }
        // else: an event of a connection already closed or replaced
    }

    private void handleNow(FsmEvent event) {
        SessionState before = fsm.state();
        Optional<String> errorBefore = fsm.lastError();
        List<FsmAction> actions = fsm.handle(event);
        // the new state is visible before its actions run: once the routes of a session coming up are on the wire,
        // state() already says ESTABLISHED (the status read while a router learns them does not lag behind it)
        state = fsm.state();
        for (FsmAction action : actions) {
            apply(action);
        }
        SessionState after = fsm.state();
        state = after;
        if (before != after) {
            LOG.info("BGP peer {}: {} -> {}", name, before, after);
            observer.stateChanged(before, after);
        }
        if (!fsm.lastError().equals(errorBefore)) {
            // once per new reason: a peer that stays unreachable does not flood the log
            fsm.lastError().ifPresent(error -> LOG.info("BGP peer {}: {}", name, error));
        }
    }

    /** An event from connection {@code id}; those of a connection already replaced are dropped. */
    private void fromConnection(long id, FsmEvent event) {
        scheduler.execute(() -> enqueue(new Pending(id, event, null)));
    }

    private long newId() {
        return nextId.incrementAndGet();
    }

    private void apply(FsmAction action) {
        if (action instanceof FsmAction.Connect) {
            connect();
        } else if (action instanceof FsmAction.DropConnection) {
            drop();
        } else if (action instanceof FsmAction.Send send) {
            if (channel != null) {
                channel.writeAndFlush(send.message(), channel.voidPromise());
            }
        } else if (action instanceof FsmAction.StartTimer start) {
            cancel(start.timer());
            SessionTimer timer = start.timer();
            timers.put(timer, scheduler.schedule(() -> {
                timers.remove(timer);
                handle(new FsmEvent.TimerExpired(timer));
            }, start.after()));
        } else if (action instanceof FsmAction.StopTimer stop) {
            cancel(stop.timer());
        } else if (action instanceof FsmAction.SessionUp up) {
            options = up.negotiated().codecOptions();
            LOG.info("BGP peer {}: established with AS{} ({}), hold {} s, families {}", name, up.negotiated().peerAsn(),
                    up.negotiated().peerId(), up.negotiated().holdTime().getSeconds(), up.negotiated().families());
            observer.up(up.negotiated());
            send(rib.initial(desired, context(up.negotiated())));
        } else if (action instanceof FsmAction.SessionDown down) {
            rib.clear();
            options = CodecOptions.TWO_OCTET_AS;
            observer.down(down.reason());
        } else if (action instanceof FsmAction.ResendRoutes) {
            send(rib.refresh(context(fsm.negotiated().orElseThrow())));
        } else {
            applyIncoming(action);
        }
    }

    /** The actions about accepted and colliding connections (RFC 4271 §6.8). */
    private void applyIncoming(FsmAction action) {
        if (action instanceof FsmAction.AdoptIncoming) {
            drop();
            channel = offered;
            connection = offeredId;
            offered = null;
            LOG.info("BGP peer {}: took the connection the peer opened", name);
        } else if (action instanceof FsmAction.HoldIncoming) {
            colliding = offered;
            collidingId = offeredId;
            offered = null;
            LOG.info("BGP peer {}: the peer opened a second connection; the collision is resolved on its OPEN", name);
        } else if (action instanceof FsmAction.RefuseIncoming refuse) {
            refuse(Optional.of(refuse.notification()));
        } else if (action instanceof FsmAction.SendColliding send) {
            if (colliding != null) {
                colliding.writeAndFlush(send.message(), colliding.voidPromise());
            }
        } else if (action instanceof FsmAction.DropColliding) {
            close(colliding);
            colliding = null;
            collidingId = 0;
        } else if (action instanceof FsmAction.PromoteColliding) {
            drop();
            channel = colliding;
            connection = collidingId;
            colliding = null;
            collidingId = 0;
            LOG.info("BGP peer {}: connection collision: going on with the connection the peer opened", name);
        }
    }

    private void refuse(Optional<io.barelb.announcer.bgp.wire.NotificationMessage> notification) {
        Channel refused = offered;
        offered = null;
        if (refused != null) {
            notification.ifPresent(n -> refused.write(n, refused.voidPromise()));
            close(refused);
        }
    }

    /** Sends UPDATEs through the machine, which lets them out only in Established. */
    private void send(List<UpdateMessage> updates) {
        for (UpdateMessage update : updates) {
            for (FsmAction action : fsm.handle(new FsmEvent.SendUpdate(update))) {
                apply(action);
            }
        }
        if (!updates.isEmpty() && fsm.state() == SessionState.ESTABLISHED) {
            observer.updatesSent(updates.size());
        }
    }

    private SessionContext context(Negotiated negotiated) {
        return new SessionContext(fsm.settings().localAsn(), negotiated.internal(), nextHopV4, nextHopV6,
                negotiated.families(), negotiated.codecOptions());
    }

    private void connect() {
        drop();
        long id = newId();
        connection = id;
        observer.connecting();
        ChannelFuture future = connector.connect(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(new BgpFrameDecoder(), new BgpMessageEncoder(() -> options),
                        new BgpChannelHandler(event -> fromConnection(id, event), () -> options));
            }
        });
        channel = future.channel();
        future.addListener((ChannelFutureListener) f -> {
            if (!f.isSuccess()) {
                fromConnection(id, new FsmEvent.TcpConnectionFails(String.valueOf(f.cause().getMessage())));
            }
        });
    }

    private void drop() {
        if (channel != null) {
            Channel closing = channel;
            channel = null;
            connection = 0;
            close(closing);
        }
    }

    /** Flushes what was written (a NOTIFICATION), then closes. */
    private static void close(Channel closing) {
        if (closing != null) {
            closing.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void cancel(SessionTimer timer) {
        SessionScheduler.Cancellable running = timers.remove(timer);
        if (running != null) {
            running.cancel();
        }
    }
}
