package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.fsm.BfdReceiveOutcome;
import io.barelb.announcer.bgp.bfd.fsm.BfdReceiver;
import io.barelb.announcer.bgp.bfd.fsm.BfdSession;
import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.fsm.BfdSessionTable;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.SocketProtocolFamily;
import java.io.IOException;
import java.net.Inet4Address;
import java.nio.ByteBuffer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;

/**
 * The BFD sessions of this node, single hop (RFC 5881) over Netty epoll datagram channels: one receive socket
 * per address family on UDP 3784 (IP_MINTTL / IPV6_MINHOPCOUNT 255, so the kernel drops packets from farther
 * away), and per session a send socket bound to a source port in 49152-65535, connected to the peer's 3784,
 * TTL / hop limit 255, DSCP CS6. Every session, the demultiplexer ({@link BfdSessionTable}: Your Discriminator,
 * else source address) and every timer live on one event loop of the given group.
 *
 * <p>Lifecycle: the constructor only stores its parts; {@link #start()} binds the receive sockets;
 * {@link #close()} sends AdminDown on every session and closes every socket. Public methods are thread-safe
 * (they run on the event loop and wait for it) and must not be called from the event loop itself; listeners are
 * called on the event loop.
 */
public final class BfdSessions implements AutoCloseable {

    private static final long WAIT_SECONDS = 10;
    private static final int BIND_ATTEMPTS = 64;

    private final EventLoop loop;
    private final BfdIoSettings settings;
    private final LongSupplier clock;
    private final RandomGenerator random;
    private final StateFanOut listeners = new StateFanOut();
    private final BfdSessionTable<InetAddress> table;
    private final BfdReceiver<InetAddress> receiver;
    private final Map<BfdSession, SessionDriver> drivers = new IdentityHashMap<>();
    private final List<Channel> receiveChannels = new ArrayList<>();
    private final Runnable publish = this::publishStatuses;
    private Consumer<List<BfdSessionStatus>> statusSink;
    private io.netty.util.concurrent.ScheduledFuture<?> publishing;

    /**
     * Sessions on one event loop of {@code group} (an epoll group), timed by {@code clock} (nanoseconds, e.g.
     * {@code System::nanoTime}: it must tick with the event loop's scheduler), with jitter, discriminators and
     * source ports drawn from {@code random}.
     */
    public BfdSessions(EventLoopGroup group, BfdIoSettings settings, LongSupplier clock, RandomGenerator random) {
        this.loop = Objects.requireNonNull(group, "group").next();
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.random = Objects.requireNonNull(random, "random");
        this.table = new BfdSessionTable<>(random);
        this.receiver = new BfdReceiver<>(table);
        listeners.afterEachChange(() -> {
            if (statusSink != null) {
                loop.execute(publish); // once the event that changed the state is done
            }
        });
    }

    /** Binds the IPv4 and IPv6 receive sockets. Fails (naming the address) if the port is taken. */
    public void start() throws IOException {
        if (!Epoll.isAvailable()) {
            throw new IOException("BFD needs Netty's native epoll transport: " + Epoll.unavailabilityCause());
        }
        if (!TtlSocketFilter.supported()) {
            throw new IOException("BFD cannot enforce the received TTL of 255 (RFC 5881 §5): its socket filter needs "
                    + "Netty's direct buffer addresses; remove -Dio.netty.noUnsafe=true");
        }
        ByteBuffer[] program = new ByteBuffer[1]; // reachable until the option is set
        receiveChannels.add(bind(receiveBootstrap(SocketProtocolFamily.INET)
                .option(BfdSocketOptions.IP_MINTTL, BfdSocketOptions.SINGLE_HOP_TTL)
                .option(TtlSocketFilter.SO_ATTACH_FILTER_OPTION,
                        TtlSocketFilter.program(false, BfdSocketOptions.SINGLE_HOP_TTL, program)),
                new InetSocketAddress(settings.listenIpv4(), settings.receivePort())));
        receiveChannels.add(bind(receiveBootstrap(SocketProtocolFamily.INET6)
                .option(BfdSocketOptions.IPV6_V6ONLY, 1)
                .option(BfdSocketOptions.IPV6_MINHOPCOUNT, BfdSocketOptions.SINGLE_HOP_TTL)
                .option(TtlSocketFilter.SO_ATTACH_FILTER_OPTION,
                        TtlSocketFilter.program(true, BfdSocketOptions.SINGLE_HOP_TTL, program)),
                new InetSocketAddress(settings.listenIpv6(), settings.receivePort())));
    }

    private Bootstrap receiveBootstrap(SocketProtocolFamily family) {
        return new Bootstrap().group(loop).channelFactory(() -> new EpollDatagramChannel(family))
                .option(ChannelOption.SO_REUSEADDR, true).handler(new ReceiveHandler(this));
    }

    private static Channel bind(Bootstrap bootstrap, InetSocketAddress address) throws IOException {
        ChannelFuture future = bootstrap.bind(address).awaitUninterruptibly();
        if (!future.isSuccess()) {
            throw new IOException("cannot bind the BFD receive socket to " + address + ": " + future.cause()
                    + "; is another BFD daemon (bird, bfdd) running in this network namespace?", future.cause());
        }
        return future.channel();
    }

    public void addListener(BfdSessionListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    public void removeListener(BfdSessionListener listener) {
        listeners.remove(listener);
    }

    /**
     * Opens the send socket and starts a session with {@code peer} (Down, then the handshake). Idempotent for
     * the same peer (a second call reconfigures it).
     */
    public void add(InetAddress peer, BfdSessionConfig config) throws IOException {
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(config, "config");
        if (onLoop(() -> table.byPeer(peer) != null)) {
            reconfigure(peer, config);
            return;
        }
        Channel channel = openSendChannel(peer);
        onLoop(() -> {
            if (table.byPeer(peer) != null) { // a concurrent add won: keep its session
                channel.close();
                table.byPeer(peer).reconfigure(config, clock.getAsLong());
                drivers.get(table.byPeer(peer)).rearm();
                return null;
            }
            SessionDriver driver = new SessionDriver(peer, channel, clock, listeners);
            BfdSession session = table.add(peer, discriminator -> new BfdSession(discriminator, config, driver, random));
            driver.attach(session);
            drivers.put(session, driver);
            session.start(clock.getAsLong());
            driver.rearm();
            return null;
        });
    }

    private Channel openSendChannel(InetAddress peer) throws IOException {
        boolean ipv4 = peer instanceof Inet4Address;
        Bootstrap bootstrap = new Bootstrap().group(loop)
                .channelFactory(() -> new EpollDatagramChannel(ipv4 ? SocketProtocolFamily.INET : SocketProtocolFamily.INET6))
                .handler(SendHandler.INSTANCE);
        if (ipv4) {
            bootstrap.option(BfdSocketOptions.IP_TTL, BfdSocketOptions.SINGLE_HOP_TTL)
                    .option(ChannelOption.IP_TOS, BfdSocketOptions.NETWORK_CONTROL);
        } else {
            bootstrap.option(BfdSocketOptions.IPV6_UNICAST_HOPS, BfdSocketOptions.SINGLE_HOP_TTL)
                    .option(BfdSocketOptions.IPV6_TCLASS, BfdSocketOptions.NETWORK_CONTROL);
        }
        InetAddress any = ipv4 ? anyOf(settings.listenIpv4(), 4) : anyOf(settings.listenIpv6(), 16);
        int span = settings.lastSourcePort() - settings.firstSourcePort() + 1;
        Throwable last = null;
        for (int attempt = 0; attempt < BIND_ATTEMPTS; attempt++) {
            int port = settings.firstSourcePort() + random.nextInt(span);
            ChannelFuture future = bootstrap.connect(new InetSocketAddress(peer, settings.peerPort()),
                    new InetSocketAddress(any, port)).awaitUninterruptibly();
            if (future.isSuccess()) {
                return future.channel();
            }
            last = future.cause();
        }
        throw new IOException("cannot open a BFD send socket to " + peer.getHostAddress() + " from any of "
                + BIND_ATTEMPTS + " source ports tried in " + settings.firstSourcePort() + "-"
                + settings.lastSourcePort() + ": " + last, last);
    }

    /** The configured listen address when it is a specific one, else the wildcard of its length. */
    private static InetAddress anyOf(InetAddress listen, int length) throws IOException {
        return listen.isAnyLocalAddress() ? InetAddress.getByAddress(new byte[length]) : listen;
    }

    /** Sends AdminDown once, then closes the session's socket and forgets it. Idempotent. */
    public void remove(InetAddress peer) {
        onLoop(() -> {
            BfdSession session = table.remove(peer);
            if (session != null) {
                session.adminDown(clock.getAsLong());
                drivers.remove(session).close();
            }
            return null;
        });
    }

    /** New intervals, multiplier, role or minimum TTL for {@code peer}'s session (a Poll Sequence while Up). */
    public void reconfigure(InetAddress peer, BfdSessionConfig config) {
        withSession(peer, (session, now) -> session.reconfigure(config, now));
    }

    /** Takes the session administratively down (diag 7; the peer goes Down with diag 3). */
    public void adminDown(InetAddress peer) {
        withSession(peer, (session, now) -> session.adminDown(now));
    }

    /** Brings an AdminDown session back to Down, from where it comes Up again. */
    public void adminUp(InetAddress peer) {
        withSession(peer, (session, now) -> session.adminUp(now));
    }

    private interface SessionEvent {
        void apply(BfdSession session, long nowNanos);
    }

    private void withSession(InetAddress peer, SessionEvent event) {
        onLoop(() -> {
            BfdSession session = table.byPeer(peer);
            if (session == null) {
                throw new IllegalArgumentException("no BFD session with " + peer.getHostAddress());
            }
            event.apply(session, clock.getAsLong());
            drivers.get(session).rearm();
            return null;
        });
    }

    /** The session with {@code peer}, as it is now. */
    public Optional<BfdSessionStatus> status(InetAddress peer) {
        return onLoop(() -> Optional.ofNullable(table.byPeer(peer)).map(session -> status(drivers.get(session))));
    }

    /** Every session, as they are now. */
    public List<BfdSessionStatus> statuses() {
        return onLoop(() -> drivers.values().stream().map(BfdSessions::status).toList());
    }

    /**
     * Hands {@code sink} every session's status on the event loop, every {@code periodMillis} and right after
     * each state change (for metrics and status pages that must not wait on the loop). Replaces an earlier sink.
     * The work is one list of snapshots per call, none per packet.
     */
    public void publishStatuses(long periodMillis, Consumer<List<BfdSessionStatus>> sink) {
        Objects.requireNonNull(sink, "sink");
        if (periodMillis <= 0) {
            throw new IllegalArgumentException("status period " + periodMillis + " ms must be positive");
        }
        onLoop(() -> {
            statusSink = sink;
            if (publishing != null) {
                publishing.cancel(false);
            }
            publishing = loop.scheduleAtFixedRate(publish, 0, periodMillis, TimeUnit.MILLISECONDS);
            return null;
        });
    }

    private void publishStatuses() {
        Consumer<List<BfdSessionStatus>> sink = statusSink;
        if (sink != null) {
            sink.accept(drivers.values().stream().map(BfdSessions::status).toList());
        }
    }

    /** How many received datagrams ended with {@code outcome}. */
    public long received(BfdReceiveOutcome outcome) {
        return onLoop(() -> receiver.count(outcome));
    }

    private static BfdSessionStatus status(SessionDriver driver) {
        BfdSession s = driver.session();
        return new BfdSessionStatus(driver.peer(), driver.sourcePort(), s.state(), s.remoteState(), s.localDiagnostic(),
                s.localDiscriminator(), s.remoteDiscriminator(), s.transmitIntervalMicros(),
                s.detectionTimeNanos() / 1_000, s.remoteMinRxMicros(), s.remoteDesiredMinTxMicros(),
                s.remoteDetectMult(), s.packetsSent(), s.packetsReceived(), s.stateChanges());
    }

    /** From the receive handler, on the event loop. */
    BfdReceiveOutcome received(ByteBuf payload, InetAddress source) {
        BfdReceiveOutcome outcome = receiver.receive(payload, source, -1, clock.getAsLong());
        BfdSession session = receiver.lastSession();
        if (session != null) {
            drivers.get(session).rearm();
        }
        return outcome;
    }

    /** Sends AdminDown on every session and closes every socket. Idempotent. */
    @Override
    public void close() {
        if (loop.isShuttingDown()) {
            return;
        }
        onLoop(() -> {
            if (publishing != null) {
                publishing.cancel(false);
                publishing = null;
            }
            statusSink = null;
            long now = clock.getAsLong();
            for (SessionDriver driver : drivers.values()) {
                driver.session().adminDown(now);
                driver.close();
            }
            drivers.clear();
            for (InetAddress peer : List.copyOf(table.sessions().keySet())) {
                table.remove(peer);
            }
            receiveChannels.forEach(Channel::close);
            receiveChannels.clear();
            return null;
        });
    }

    private <T> T onLoop(Callable<T> work) {
        if (loop.inEventLoop()) {
            throw new IllegalStateException("BfdSessions must not be called from its own event loop");
        }
        try {
            return loop.submit(work).get(WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the BFD event loop", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the BFD event loop did not answer within " + WAIT_SECONDS + " s", e);
        }
    }
}
