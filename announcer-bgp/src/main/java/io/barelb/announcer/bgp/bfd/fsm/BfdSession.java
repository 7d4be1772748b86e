package io.barelb.announcer.bgp.bfd.fsm;

import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.util.Objects;
import java.util.random.RandomGenerator;

/**
 * One BFD session in asynchronous mode: the state machine of RFC 5880 §6.8, pure. Events come in with the time
 * they happen ({@code nowNanos}, any monotonic clock); what to do goes out through {@link BfdSessionActions}. The
 * driver calls {@link #onTimer} at or after {@link #nextDeadlineNanos()} (early or late calls are harmless), and
 * hands over packets the codec accepted and the demultiplexer routed here. No event method allocates.
 *
 * <p>Rules, by section:
 * <ul>
 *   <li>§6.8.6 reception: a locally AdminDown session discards everything; the peer's discriminator, state and
 *       intervals are recorded; a Final ends our Poll Sequence; the state table (Down→Init on Down, Down→Up on
 *       Init, Init→Up on Init or Up, Up→Down on Down with diag 3, any→Down on AdminDown with diag 3); a Poll is
 *       answered at once with a Final packet;</li>
 *   <li>§6.8.4 detection time: the peer's Detect Mult times the slower of our RequiredMinRx (the one in force)
 *       and its last DesiredMinTx; expiry in Init or Up goes Down with diag 1, and in any state forgets the
 *       peer's discriminator (§6.8.1);</li>
 *   <li>§6.8.7 transmission: every max(DesiredMinTx in force, peer's RequiredMinRx) less 0-25 % jitter (10-25 %
 *       with Detect Mult 1); nothing periodic while the peer's RequiredMinRx is 0 or it runs Demand mode with
 *       both sides Up, and nothing at all in the passive role before the peer's first packet (§6.1); a packet
 *       goes out at once on every state change and to start a Poll Sequence;</li>
 *   <li>§6.8.3 timer changes: while not Up, DesiredMinTx is at least 1 s (slow start). A change while Up runs a
 *       Poll Sequence; a larger DesiredMinTx or a smaller RequiredMinRx takes effect only when the Final arrives.
 *       A change while not Up takes effect at once (the peer reads the new values from the next packet), and
 *       leaving Up ends an unfinished Poll Sequence;</li>
 *   <li>§6.8.16 administrative control: AdminDown sends diag 7 for one detection time (as the peer computes it)
 *       and then falls silent.</li>
 * </ul>
 * Not implemented: Demand mode on our side, the Echo function and authentication (bfd.AuthType is always 0).
 *
 * <p>Not thread-safe: one thread (the session's event loop) calls every method.
 */
public final class BfdSession {

    private static final long NEVER = Long.MAX_VALUE;

    private final int localDiscriminator;
    private final BfdSessionActions actions;
    private final RandomGenerator random;
    private final BfdControlFields transmit = new BfdControlFields();
    private BfdSessionConfig config;

    private BfdState state = BfdState.DOWN;
    private BfdState remoteState = BfdState.DOWN;
    private BfdDiagnostic localDiagnostic = BfdDiagnostic.NO_DIAGNOSTIC;
    private int remoteDiscriminator;
    private boolean remoteDemand;
    private long remoteMinRxMicros = 1; // §6.8.1: initialised to 1
    private long remoteDesiredMinTxMicros;
    private int remoteDetectMult;

    private long advertisedMinTxMicros;
    private long advertisedMinRxMicros;
    private long minTxInForceMicros;
    private long minRxInForceMicros;
    private boolean pollActive;

    private boolean started;
    private long lastTransmitNanos;
    private long nextTransmitNanos = NEVER;
    private long detectionExpiresNanos = NEVER;
    private long adminDownSilentFromNanos = NEVER;

    private long packetsSent;
    private long packetsReceived;
    private long stateChanges;
    private long pollSequences;

    /**
     * A session in Down, not started. {@code localDiscriminator} must be nonzero and unique among this system's
     * sessions; {@code random} draws the jitter.
     */
    public BfdSession(int localDiscriminator, BfdSessionConfig config, BfdSessionActions actions,
            RandomGenerator random) {
        if (localDiscriminator == 0) {
            throw new IllegalArgumentException("the local discriminator must be nonzero (RFC 5880 §6.8.1)");
        }
        this.localDiscriminator = localDiscriminator;
        this.config = Objects.requireNonNull(config, "config");
        this.actions = Objects.requireNonNull(actions, "actions");
        this.random = Objects.requireNonNull(random, "random");
        advertisedMinTxMicros = BfdTimers.desiredMinTx(config.desiredMinTxMicros(), false);
        advertisedMinRxMicros = config.requiredMinRxMicros();
        minTxInForceMicros = advertisedMinTxMicros;
        minRxInForceMicros = advertisedMinRxMicros;
    }

    /** Starts transmitting (at once, unless passive). Idempotent. */
    public void start(long nowNanos) {
        if (started) {
            return;
        }
        started = true;
        if (periodicAllowed(nowNanos)) {
            transmitNow(nowNanos, false);
        }
    }

    /**
     * A Control packet for this session that passed the codec's checks, with the TTL / hop limit it arrived with
     * ({@code -1} when unknown because the socket filters it, see {@link BfdSessionConfig#minimumTtl()}).
     */
    public BfdReceiveOutcome receive(BfdControlFields packet, int ttl, long nowNanos) {
        if (state == BfdState.ADMIN_DOWN) {
            return BfdReceiveOutcome.LOCAL_ADMIN_DOWN;
        }
        if (ttl >= 0 && ttl < config.minimumTtl()) {
            return BfdReceiveOutcome.TTL_BELOW_MINIMUM;
        }
        packetsReceived++;
        boolean couldTransmit = periodicAllowed(nowNanos);
        long intervalBefore = transmitIntervalMicros();
        remoteDiscriminator = packet.myDiscriminator();
        remoteState = packet.state();
        remoteDemand = packet.demand();
        remoteMinRxMicros = packet.requiredMinRxInterval();
        remoteDesiredMinTxMicros = packet.desiredMinTxInterval();
        remoteDetectMult = packet.detectMult();
        if (pollActive && packet.fin()) {
            pollActive = false;
            minTxInForceMicros = advertisedMinTxMicros;
            minRxInForceMicros = advertisedMinRxMicros;
        }
        detectionExpiresNanos = nowNanos + detectionTimeNanos();

        boolean sendNow = applyRemoteState(packet.state());
        if (packet.poll()) {
            transmitNow(nowNanos, true); // §6.8.6: the Final goes out without respect to the transmit timer
        } else if (sendNow || (!couldTransmit && periodicAllowed(nowNanos))) {
            transmitNow(nowNanos, false);
        } else if (transmitIntervalMicros() != intervalBefore && nextTransmitNanos != NEVER) {
            long due = lastTransmitNanos + BfdTimers.jitteredNanos(transmitIntervalMicros(), config.detectMult(), random);
            nextTransmitNanos = Math.max(nowNanos, due);
        }
        if (!periodicAllowed(nowNanos)) {
            nextTransmitNanos = NEVER;
        }
        return BfdReceiveOutcome.ACCEPTED;
    }

    /** The state table of §6.8.6; true when a packet should go out now (a state change or a new Poll). */
    private boolean applyRemoteState(BfdState received) {
        if (received == BfdState.ADMIN_DOWN) {
            return state != BfdState.DOWN && changeState(BfdState.DOWN, BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
        }
        return switch (state) {
            case DOWN -> received == BfdState.DOWN ? changeState(BfdState.INIT, localDiagnostic)
                    : received == BfdState.INIT && changeState(BfdState.UP, BfdDiagnostic.NO_DIAGNOSTIC);
            case INIT -> received != BfdState.DOWN && changeState(BfdState.UP, BfdDiagnostic.NO_DIAGNOSTIC);
            case UP -> received == BfdState.DOWN
                    && changeState(BfdState.DOWN, BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN);
            case ADMIN_DOWN -> false;
        };
    }

    /** Call at or after {@link #nextDeadlineNanos()}: expires the detection timer and sends the periodic packet. */
    public void onTimer(long nowNanos) {
        if (nowNanos >= detectionExpiresNanos) {
            detectionExpired(nowNanos);
        }
        if (nowNanos >= nextTransmitNanos) {
            if (periodicAllowed(nowNanos)) {
                transmitNow(nowNanos, false);
            } else {
                nextTransmitNanos = NEVER;
            }
        }
    }

    private void detectionExpired(long nowNanos) {
        detectionExpiresNanos = NEVER;
        remoteDiscriminator = 0; // §6.8.1 bfd.RemoteDiscr
        remoteState = BfdState.DOWN;
        remoteDemand = false;
        if (state == BfdState.INIT || state == BfdState.UP) {
            changeState(BfdState.DOWN, BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED);
            if (periodicAllowed(nowNanos)) {
                transmitNow(nowNanos, false);
            }
        }
        if (!periodicAllowed(nowNanos)) {
            nextTransmitNanos = NEVER; // the passive role falls silent again
        }
    }

    /** §6.8.16: takes the session administratively down (diag 7). Idempotent. */
    public void adminDown(long nowNanos) {
        if (state == BfdState.ADMIN_DOWN) {
            return;
        }
        changeState(BfdState.ADMIN_DOWN, BfdDiagnostic.ADMINISTRATIVELY_DOWN);
        // the peer detects with our Detect Mult times our (now slow-start) interval: keep telling it that long
        long peerDetection = config.detectMult() * transmitIntervalMicros() * 1_000;
        detectionExpiresNanos = NEVER;
        adminDownSilentFromNanos = nowNanos + peerDetection;
        if (started) {
            transmitNow(nowNanos, false);
        }
    }

    /** Leaves AdminDown for Down (the diagnostic stays 7 until the next change). Idempotent. */
    public void adminUp(long nowNanos) {
        if (state != BfdState.ADMIN_DOWN) {
            return;
        }
        adminDownSilentFromNanos = NEVER;
        remoteDiscriminator = 0;
        remoteState = BfdState.DOWN;
        changeState(BfdState.DOWN, localDiagnostic);
        nextTransmitNanos = NEVER;
        if (started && periodicAllowed(nowNanos)) {
            transmitNow(nowNanos, false);
        }
    }

    /** New wanted intervals, multiplier, role or minimum TTL; interval changes follow §6.8.3 (see the class). */
    public void reconfigure(BfdSessionConfig newConfig, long nowNanos) {
        config = Objects.requireNonNull(newConfig, "newConfig");
        boolean poll = setIntervals(BfdTimers.desiredMinTx(newConfig.desiredMinTxMicros(), state == BfdState.UP),
                newConfig.requiredMinRxMicros());
        if (!started) {
            return;
        }
        if (!periodicAllowed(nowNanos)) {
            nextTransmitNanos = NEVER;
        } else if (poll || nextTransmitNanos == NEVER) {
            transmitNow(nowNanos, false);
        }
    }

    /** Sets the advertised intervals; true if a Poll Sequence started. */
    private boolean setIntervals(long minTxMicros, long minRxMicros) {
        if (minTxMicros == advertisedMinTxMicros && minRxMicros == advertisedMinRxMicros) {
            return false;
        }
        advertisedMinTxMicros = minTxMicros;
        advertisedMinRxMicros = minRxMicros;
        if (state != BfdState.UP) {
            minTxInForceMicros = minTxMicros;
            minRxInForceMicros = minRxMicros;
            return false;
        }
        // §6.8.3: a slower transmit rate and a shorter detection wait for the Final; the other directions are safe now
        minTxInForceMicros = Math.min(minTxInForceMicros, minTxMicros);
        minRxInForceMicros = Math.max(minRxInForceMicros, minRxMicros);
        pollActive = true;
        pollSequences++;
        return true;
    }

    /** Always true, so it can end a boolean chain in {@link #applyRemoteState}. */
    private boolean changeState(BfdState to, BfdDiagnostic diagnostic) {
        BfdState from = state;
        state = to;
        localDiagnostic = diagnostic;
        stateChanges++;
        if (to != BfdState.UP) {
            pollActive = false;
        }
        setIntervals(BfdTimers.desiredMinTx(config.desiredMinTxMicros(), to == BfdState.UP), config.requiredMinRxMicros());
        actions.stateChanged(from, to, diagnostic);
        return true;
    }

    private boolean periodicAllowed(long nowNanos) {
        if (!started || (config.passive() && remoteDiscriminator == 0)) {
            return false;
        }
        if (state == BfdState.ADMIN_DOWN) {
            return nowNanos < adminDownSilentFromNanos;
        }
        return remoteMinRxMicros != 0
                && !(remoteDemand && state == BfdState.UP && remoteState == BfdState.UP);
    }

    private void transmitNow(long nowNanos, boolean fin) {
        if (!started) {
            return; // a packet before start() changes state but sends nothing
        }
        transmit.setForTransmit(localDiagnostic, state, pollActive && !fin, fin, config.detectMult(), localDiscriminator,
                remoteDiscriminator, advertisedMinTxMicros, advertisedMinRxMicros);
        packetsSent++;
        lastTransmitNanos = nowNanos;
        nextTransmitNanos = periodicAllowed(nowNanos)
                ? nowNanos + BfdTimers.jitteredNanos(transmitIntervalMicros(), config.detectMult(), random)
                : NEVER;
        actions.transmit(transmit);
    }

    /** The earliest time {@link #onTimer} has work, or {@link Long#MAX_VALUE} for none. */
    public long nextDeadlineNanos() {
        return Math.min(nextTransmitNanos, detectionExpiresNanos);
    }

    /** The next periodic transmission, or {@link Long#MAX_VALUE} for none. */
    public long nextTransmitNanos() {
        return nextTransmitNanos;
    }

    /** When the detection timer expires, or {@link Long#MAX_VALUE} if it is not running. */
    public long detectionExpiresNanos() {
        return detectionExpiresNanos;
    }

    /** The interval periodic packets go out at before jitter: max(DesiredMinTx in force, peer's RequiredMinRx). */
    public long transmitIntervalMicros() {
        return BfdTimers.transmitIntervalMicros(minTxInForceMicros, remoteMinRxMicros);
    }

    /** The detection time in force (0 before the first packet, whose Detect Mult it needs). */
    public long detectionTimeNanos() {
        return BfdTimers.detectionTimeNanos(remoteDetectMult, minRxInForceMicros, remoteDesiredMinTxMicros);
    }

    public int localDiscriminator() {
        return localDiscriminator;
    }

    public int remoteDiscriminator() {
        return remoteDiscriminator;
    }

    public BfdState state() {
        return state;
    }

    public BfdState remoteState() {
        return remoteState;
    }

    /** bfd.LocalDiag: why the session last changed state. */
    public BfdDiagnostic localDiagnostic() {
        return localDiagnostic;
    }

    public BfdSessionConfig config() {
        return config;
    }

    /** True while our Poll Sequence waits for the peer's Final. */
    public boolean pollActive() {
        return pollActive;
    }

    /** The DesiredMinTxInterval our packets carry now. */
    public long advertisedMinTxMicros() {
        return advertisedMinTxMicros;
    }

    /** The RequiredMinRxInterval our packets carry now. */
    public long advertisedMinRxMicros() {
        return advertisedMinRxMicros;
    }

    public long remoteMinRxMicros() {
        return remoteMinRxMicros;
    }

    public long remoteDesiredMinTxMicros() {
        return remoteDesiredMinTxMicros;
    }

    public int remoteDetectMult() {
        return remoteDetectMult;
    }

    public long packetsSent() {
        return packetsSent;
    }

    public long packetsReceived() {
        return packetsReceived;
    }

    public long stateChanges() {
        return stateChanges;
    }

    public long pollSequences() {
        return pollSequences;
    }
}
