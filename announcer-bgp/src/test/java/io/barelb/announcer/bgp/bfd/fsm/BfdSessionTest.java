package io.barelb.announcer.bgp.bfd.fsm;

import static io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic.ADMINISTRATIVELY_DOWN;
import static io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic.CONTROL_DETECTION_TIME_EXPIRED;
import static io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic.NEIGHBOR_SIGNALED_SESSION_DOWN;
import static io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic.NO_DIAGNOSTIC;
import static io.barelb.announcer.bgp.bfd.wire.BfdState.ADMIN_DOWN;
import static io.barelb.announcer.bgp.bfd.wire.BfdState.DOWN;
import static io.barelb.announcer.bgp.bfd.wire.BfdState.INIT;
import static io.barelb.announcer.bgp.bfd.wire.BfdState.UP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.announcer.bgp.bfd.fsm.RecordingActions.Transition;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdControlPacket;
import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every transition, diagnostic and timer rule of {@link BfdSession}, driven by events and an injected clock. */
class BfdSessionTest {

    private static final int LOCAL = 0x0001_0001;
    private static final int PEER = 0xBEEF;
    private static final long FAST = 100_000; // 100 ms in microseconds
    private static final BfdSessionConfig CONFIG = BfdSessionConfig.singleHop(FAST, FAST, 3, false);

    private final RecordingActions actions = new RecordingActions();

    private BfdSession session(BfdSessionConfig config, RandomGenerator random) {
        return new BfdSession(LOCAL, config, actions, random);
    }

    private BfdSession started(BfdSessionConfig config) {
        BfdSession session = session(config, FixedRandom.MAX);
        session.start(0);
        return session;
    }

    private static long ms(long millis) {
        return millis * 1_000_000;
    }

    private static BfdControlFields peer(BfdState state) {
        return peer(state, false, false, FAST, FAST, 3);
    }

    private static BfdControlFields peer(BfdState state, boolean poll, boolean fin, long tx, long rx, int mult) {
        return new BfdControlFields().set(BfdControlPacket.of(NO_DIAGNOSTIC, state, poll, fin, mult, PEER,
                state == DOWN || state == ADMIN_DOWN ? 0 : LOCAL, tx, rx));
    }

    private BfdSession up() {
        BfdSession session = started(CONFIG);
        receive(session, peer(INIT), -1, ms(10));
        assertThat(session.state()).isEqualTo(UP);
        receive(session, peer(UP, false, true, FAST, FAST, 3), -1, ms(20)); // the Final ending the slow-start Poll
        assertThat(session.pollActive()).isFalse();
        return session;
    }

    private BfdReceiveOutcome receive(BfdSession session, BfdControlFields packet, int ttl, long nowNanos) {
        actions.now = nowNanos;
        return session.receive(packet, ttl, nowNanos);
    }

    private void advance(BfdSession session, long toNanos) {
        while (session.nextDeadlineNanos() <= toNanos) {
            actions.now = session.nextDeadlineNanos();
            session.onTimer(actions.now);
        }
        actions.now = toNanos;
    }

    @Test
    void anActiveSessionSendsDownAtOnceWithTheOneSecondSlowStartInterval() {
        BfdSession session = started(CONFIG);

        assertThat(actions.sent).containsExactly(BfdControlPacket.of(NO_DIAGNOSTIC, DOWN, false, false, 3, LOCAL, 0,
                1_000_000, FAST));
        assertThat(session.transmitIntervalMicros()).isEqualTo(1_000_000);
        assertThat(session.nextTransmitNanos()).isEqualTo(ms(1_000)); // FixedRandom.MAX: no reduction
        assertThat(session.detectionExpiresNanos()).as("no packet yet, no detection timer").isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void startIsIdempotentAndNothingGoesOutBeforeIt() {
        BfdSession session = session(CONFIG, FixedRandom.MAX);
        receive(session, peer(DOWN), -1, 0);
        assertThat(session.state()).isEqualTo(INIT);
        assertThat(actions.sent).isEmpty();
        session.start(0);
        session.start(0);
        assertThat(actions.sent).hasSize(1);
        assertThat(actions.last().state()).isEqualTo(INIT);
    }

    @ParameterizedTest(name = "{0} + received {1} -> {2} (diag {3})")
    @CsvSource({
            "DOWN, DOWN, INIT, NO_DIAGNOSTIC",
            "DOWN, INIT, UP, NO_DIAGNOSTIC",
            "DOWN, UP, DOWN, NO_DIAGNOSTIC",
            "DOWN, ADMIN_DOWN, DOWN, NO_DIAGNOSTIC",
            "INIT, DOWN, INIT, NO_DIAGNOSTIC",
            "INIT, INIT, UP, NO_DIAGNOSTIC",
            "INIT, UP, UP, NO_DIAGNOSTIC",
            "INIT, ADMIN_DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN",
            "UP, DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN",
            "UP, INIT, UP, NO_DIAGNOSTIC",
            "UP, UP, UP, NO_DIAGNOSTIC",
            "UP, ADMIN_DOWN, DOWN, NEIGHBOR_SIGNALED_SESSION_DOWN",
    })
    void theReceptionStateTableOfSection686(BfdState from, BfdState received, BfdState expected, BfdDiagnostic diag) {
        BfdSession session = started(CONFIG);
        if (from == INIT) {
            receive(session, peer(DOWN), -1, ms(1));
        } else if (from == UP) {
            receive(session, peer(INIT), -1, ms(1));
        }
        assertThat(session.state()).isEqualTo(from);
        int sentBefore = actions.sent.size();
        long changesBefore = session.stateChanges();

        assertThat(receive(session, peer(received), -1, ms(2))).isEqualTo(BfdReceiveOutcome.ACCEPTED);

        assertThat(session.state()).isEqualTo(expected);
        assertThat(session.localDiagnostic()).isEqualTo(diag);
        assertThat(session.remoteState()).isEqualTo(received);
        assertThat(session.remoteDiscriminator()).isEqualTo(PEER);
        if (expected != from) {
            assertThat(actions.lastTransition()).isEqualTo(new Transition(from, expected, diag));
            assertThat(session.stateChanges()).isEqualTo(changesBefore + 1);
            assertThat(actions.sent).as("a state change is sent at once").hasSize(sentBefore + 1);
            assertThat(actions.last().state()).isEqualTo(expected);
            assertThat(actions.last().diagnostic()).isEqualTo(diag.code());
            assertThat(actions.last().yourDiscriminator()).isEqualTo(PEER);
        } else {
            assertThat(session.stateChanges()).isEqualTo(changesBefore);
            assertThat(actions.sent).as("no change, no extra packet").hasSize(sentBefore);
        }
    }

    @Test
    void detectionTimeIsTheRemoteMultTimesTheSlowerOfOurRxAndItsTx() {
        BfdSession session = started(BfdSessionConfig.singleHop(FAST, 50_000, 3, false));
        receive(session, peer(DOWN, false, false, 300_000, 10_000, 5), -1, ms(1));
        assertThat(session.detectionTimeNanos()).isEqualTo(ms(5 * 300));
        assertThat(session.detectionExpiresNanos()).isEqualTo(ms(1) + ms(1500));

        receive(session, peer(INIT, false, false, 20_000, 10_000, 2), -1, ms(2));
        assertThat(session.detectionTimeNanos()).as("our 50 ms RequiredMinRx is the slower").isEqualTo(ms(2 * 50));
    }

    @Test
    void transmitIntervalIsTheSlowerOfOurTxAndThePeersRx() {
        BfdSession session = up();
        assertThat(session.transmitIntervalMicros()).isEqualTo(FAST);
        receive(session, peer(UP, false, false, FAST, 250_000, 3), -1, ms(30));
        assertThat(session.transmitIntervalMicros()).isEqualTo(250_000);
        long last = actions.sentAt.get(actions.sentAt.size() - 1);
        assertThat(session.nextTransmitNanos()).as("rescheduled from the last packet").isEqualTo(Math.max(ms(30), last + ms(250)));
    }

    @Test
    void slowStartHoldsOneSecondUntilUpThenAPollSequenceBringsTheConfiguredInterval() {
        BfdSession session = started(CONFIG);
        receive(session, peer(DOWN), -1, ms(5));
        assertThat(actions.last()).isEqualTo(BfdControlPacket.of(NO_DIAGNOSTIC, INIT, false, false, 3, LOCAL, PEER,
                1_000_000, FAST));
        receive(session, peer(UP), -1, ms(10));

        BfdControlPacket goingUp = actions.last();
        assertThat(goingUp.state()).isEqualTo(UP);
        assertThat(goingUp.poll()).as("the interval change is polled").isTrue();
        assertThat(goingUp.fin()).isFalse();
        assertThat(goingUp.desiredMinTxInterval()).isEqualTo(FAST);
        assertThat(session.pollActive()).isTrue();
        assertThat(session.pollSequences()).isEqualTo(1);
        assertThat(session.transmitIntervalMicros()).as("a faster rate applies at once").isEqualTo(FAST);

        advance(session, ms(115));
        assertThat(actions.last().poll()).as("periodic packets carry P until the Final").isTrue();
        receive(session, peer(UP, false, true, FAST, FAST, 3), -1, ms(116));
        assertThat(session.pollActive()).isFalse();
        advance(session, ms(300));
        assertThat(actions.last().poll()).isFalse();
    }

    @Test
    void leavingUpGoesBackToOneSecondAtOnceAndEndsThePoll() {
        BfdSession session = started(CONFIG);
        receive(session, peer(INIT), -1, ms(1));
        assertThat(session.pollActive()).isTrue();
        receive(session, peer(DOWN), -1, ms(2));
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(session.pollActive()).isFalse();
        assertThat(session.advertisedMinTxMicros()).isEqualTo(1_000_000);
        assertThat(session.transmitIntervalMicros()).isEqualTo(1_000_000);
        assertThat(actions.last().poll()).isFalse();
    }

    @Test
    void aReceivedPollIsAnsweredAtOnceWithFinalAndPollClear() {
        BfdSession session = up();
        int before = actions.sent.size();
        receive(session, peer(UP, true, false, FAST, FAST, 3), -1, ms(25));
        assertThat(actions.sent).hasSize(before + 1);
        assertThat(actions.last().fin()).isTrue();
        assertThat(actions.last().poll()).isFalse();
    }

    @Test
    void ourPollAndTheirPollNeverSetBothBitsInOnePacket() {
        BfdSession session = started(CONFIG);
        receive(session, peer(INIT, true, false, FAST, FAST, 3), -1, ms(1)); // Up (starts our Poll) and their Poll
        assertThat(session.pollActive()).isTrue();
        assertThat(actions.sent).allSatisfy(p -> assertThat(p.poll() && p.fin()).isFalse());
        assertThat(actions.last().fin()).isTrue();
        advance(session, ms(150));
        assertThat(actions.last().poll()).isTrue();
    }

    @Test
    void aLargerTxWhileUpWaitsForTheFinal() {
        BfdSession session = up();
        actions.now = ms(30);
        session.reconfigure(BfdSessionConfig.singleHop(300_000, FAST, 3, false), ms(30));
        assertThat(actions.last().poll()).isTrue();
        assertThat(actions.last().desiredMinTxInterval()).isEqualTo(300_000);
        assertThat(session.transmitIntervalMicros()).as("unchanged until the Final").isEqualTo(FAST);
        receive(session, peer(UP, false, true, FAST, FAST, 3), -1, ms(40));
        assertThat(session.transmitIntervalMicros()).isEqualTo(300_000);
    }

    @Test
    void aSmallerRxWhileUpKeepsTheOldDetectionTimeUntilTheFinal() {
        BfdSession session = up();
        receive(session, peer(UP, false, false, 10_000, FAST, 3), -1, ms(25));
        assertThat(session.detectionTimeNanos()).isEqualTo(ms(300));
        session.reconfigure(BfdSessionConfig.singleHop(FAST, 20_000, 3, false), ms(30));
        assertThat(actions.last().requiredMinRxInterval()).isEqualTo(20_000);
        receive(session, peer(UP, false, false, 10_000, FAST, 3), -1, ms(31));
        assertThat(session.detectionTimeNanos()).as("old RequiredMinRx in force").isEqualTo(ms(300));
        receive(session, peer(UP, false, true, 10_000, FAST, 3), -1, ms(32));
        assertThat(session.detectionTimeNanos()).isEqualTo(ms(60));
    }

    @Test
    void aLargerRxWhileUpAppliesAtOnceAndAChangeWhileDownNeedsNoPoll() {
        BfdSession session = up();
        session.reconfigure(BfdSessionConfig.singleHop(FAST, 400_000, 3, false), ms(30));
        receive(session, peer(UP), -1, ms(31));
        assertThat(session.detectionTimeNanos()).isEqualTo(ms(1200));

        BfdSession down = new BfdSession(LOCAL + 1, CONFIG, new RecordingActions(), FixedRandom.MAX);
        down.start(0);
        down.reconfigure(BfdSessionConfig.singleHop(FAST, 400_000, 3, false), ms(1));
        assertThat(down.pollActive()).isFalse();
        assertThat(down.advertisedMinRxMicros()).isEqualTo(400_000);
        assertThat(down.pollSequences()).isZero();
    }

    @Test
    void detectionExpiryInUpGoesDownWithDiagnosticOne() {
        BfdSession session = up();
        long expires = session.detectionExpiresNanos();
        assertThat(expires).isEqualTo(ms(20) + ms(300));
        advance(session, expires - 1);
        assertThat(session.state()).isEqualTo(UP);
        advance(session, expires);
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(session.localDiagnostic()).isEqualTo(CONTROL_DETECTION_TIME_EXPIRED);
        assertThat(actions.lastTransition()).isEqualTo(new Transition(UP, DOWN, CONTROL_DETECTION_TIME_EXPIRED));
        assertThat(session.remoteDiscriminator()).as("§6.8.1: forgotten").isZero();
        assertThat(actions.last().state()).isEqualTo(DOWN);
        assertThat(actions.last().diagnostic()).isEqualTo(1);
        assertThat(actions.last().yourDiscriminator()).isZero();
        assertThat(session.transmitIntervalMicros()).isEqualTo(1_000_000);
    }

    @Test
    void detectionExpiryInInitGoesDownWithDiagnosticOne() {
        BfdSession session = started(CONFIG);
        receive(session, peer(DOWN), -1, ms(1));
        advance(session, ms(1) + ms(300));
        assertThat(actions.lastTransition()).isEqualTo(new Transition(INIT, DOWN, CONTROL_DETECTION_TIME_EXPIRED));
    }

    @Test
    void detectionExpiryInDownOnlyForgetsThePeer() {
        BfdSession session = started(CONFIG);
        receive(session, peer(UP), -1, ms(1)); // Down + Up: stays Down
        assertThat(session.remoteDiscriminator()).isEqualTo(PEER);
        advance(session, ms(1) + ms(300));
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(actions.transitions).isEmpty();
        assertThat(session.remoteDiscriminator()).isZero();
        assertThat(session.detectionExpiresNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aPacketPushesTheDetectionTimerOut() {
        BfdSession session = up();
        for (int t = 100; t <= 1_000; t += 100) {
            advance(session, ms(t));
            receive(session, peer(UP), -1, ms(t));
        }
        assertThat(session.state()).isEqualTo(UP);
        assertThat(session.detectionExpiresNanos()).isEqualTo(ms(1_300));
    }

    @Test
    void adminDownSendsDiagnosticSevenForADetectionTimeDiscardsPacketsThenFallsSilent() {
        BfdSession session = up();
        actions.now = ms(50);
        session.adminDown(ms(50));
        assertThat(session.state()).isEqualTo(ADMIN_DOWN);
        assertThat(actions.lastTransition()).isEqualTo(new Transition(UP, ADMIN_DOWN, ADMINISTRATIVELY_DOWN));
        assertThat(actions.last().state()).isEqualTo(ADMIN_DOWN);
        assertThat(actions.last().diagnostic()).isEqualTo(7);
        assertThat(receive(session, peer(UP), -1, ms(60))).isEqualTo(BfdReceiveOutcome.LOCAL_ADMIN_DOWN);
        assertThat(session.detectionExpiresNanos()).as("AdminDown never times out").isEqualTo(Long.MAX_VALUE);

        assertThat(session.transmitIntervalMicros()).as("not Up: slow start").isEqualTo(1_000_000);
        advance(session, ms(50 + 2_999));
        int sent = actions.sent.size();
        assertThat(actions.sentAt.subList(sent - 3, sent)).containsExactly(ms(50), ms(1_050), ms(2_050));
        assertThat(actions.sent.subList(sent - 3, sent)).allSatisfy(p -> assertThat(p.state()).isEqualTo(ADMIN_DOWN));
        advance(session, ms(5_000));
        assertThat(actions.sent).as("silent after the peer's detection time (3 x 1 s)").hasSize(sent);
        assertThat(session.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);

        session.adminDown(ms(5_001));
        assertThat(actions.sent).as("idempotent").hasSize(sent);
        actions.now = ms(5_002);
        session.adminUp(ms(5_002));
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(session.localDiagnostic()).isEqualTo(ADMINISTRATIVELY_DOWN);
        assertThat(actions.last().state()).isEqualTo(DOWN);
        assertThat(actions.last().desiredMinTxInterval()).isEqualTo(1_000_000);
        receive(session, peer(DOWN), -1, ms(5_010));
        assertThat(session.state()).isEqualTo(INIT);
    }

    @ParameterizedTest
    @CsvSource({"DOWN", "INIT", "UP"})
    void adminDownFromAnyStateIsDiagnosticSevenAndThePeerSeesIt(BfdState from) {
        BfdSession session = started(CONFIG);
        if (from != DOWN) {
            receive(session, peer(from == INIT ? DOWN : INIT), -1, ms(1));
        }
        assertThat(session.state()).isEqualTo(from);
        actions.now = ms(2);
        session.adminDown(ms(2));
        assertThat(actions.lastTransition()).isEqualTo(new Transition(from, ADMIN_DOWN, ADMINISTRATIVELY_DOWN));
        assertThat(actions.last()).isEqualTo(BfdControlPacket.of(ADMINISTRATIVELY_DOWN, ADMIN_DOWN, false, false, 3, LOCAL,
                from == DOWN ? 0 : PEER, 1_000_000, FAST));
        assertThat(session.pollActive()).isFalse();
    }

    @Test
    void aPassiveSessionWaitsForThePeersFirstPacketAndFallsSilentWhenItGoes() {
        BfdSession session = started(BfdSessionConfig.singleHop(FAST, FAST, 3, true));
        advance(session, ms(10_000));
        assertThat(actions.sent).isEmpty();
        assertThat(session.nextDeadlineNanos()).isEqualTo(Long.MAX_VALUE);

        receive(session, peer(DOWN), -1, ms(10_000));
        assertThat(actions.sent).hasSize(1);
        assertThat(actions.last().state()).isEqualTo(INIT);

        advance(session, ms(10_000) + ms(300)); // the peer went quiet: Down, discriminator forgotten
        assertThat(session.state()).isEqualTo(DOWN);
        int sent = actions.sent.size();
        advance(session, ms(20_000));
        assertThat(actions.sent).hasSize(sent);
    }

    @Test
    void aPassivePeerInDownStillStartsTransmissionWithoutAStateChange() {
        BfdSession session = started(BfdSessionConfig.singleHop(FAST, FAST, 3, true));
        receive(session, peer(UP), -1, ms(1)); // Down + Up: no state change, but now the peer is known
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(actions.sent).hasSize(1);
        assertThat(actions.last().yourDiscriminator()).isEqualTo(PEER);
    }

    @Test
    void aPeerWantingNoPacketsGetsOnlyFinals() {
        BfdSession session = up();
        receive(session, peer(UP, false, false, FAST, 0, 3), -1, ms(30));
        assertThat(session.nextTransmitNanos()).isEqualTo(Long.MAX_VALUE);
        int sent = actions.sent.size();
        session.onTimer(ms(200));
        receive(session, peer(UP, true, false, FAST, 0, 3), -1, ms(210));
        assertThat(actions.sent).hasSize(sent + 1);
        assertThat(actions.last().fin()).isTrue();
    }

    @Test
    void aPeerInDemandModeWithBothUpStopsOurPeriodicPackets() {
        BfdSession session = up();
        BfdControlFields demand = new BfdControlFields().set(new BfdControlPacket(1, 0, UP, false, false, false, false,
                true, false, 3, 24, PEER, LOCAL, FAST, FAST, 0));
        receive(session, demand, -1, ms(30));
        assertThat(session.nextTransmitNanos()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void aTtlBelowTheMinimumIsDiscardedAndAnUnknownTtlIsTheSocketsJob() {
        BfdSession session = started(CONFIG);
        assertThat(receive(session, peer(DOWN), 254, ms(1))).isEqualTo(BfdReceiveOutcome.TTL_BELOW_MINIMUM);
        assertThat(session.state()).isEqualTo(DOWN);
        assertThat(session.packetsReceived()).isZero();
        assertThat(receive(session, peer(DOWN), 255, ms(1))).isEqualTo(BfdReceiveOutcome.ACCEPTED);
        assertThat(receive(session, peer(INIT), -1, ms(2))).isEqualTo(BfdReceiveOutcome.ACCEPTED);
        assertThat(session.state()).isEqualTo(UP);

        BfdSession multihop = new BfdSession(LOCAL + 1, new BfdSessionConfig(FAST, FAST, 3, false, 254),
                new RecordingActions(), FixedRandom.MAX);
        assertThat(multihop.receive(peer(DOWN), 254, 0)).isEqualTo(BfdReceiveOutcome.ACCEPTED);
        assertThat(multihop.receive(peer(DOWN), 253, 0)).isEqualTo(BfdReceiveOutcome.TTL_BELOW_MINIMUM);
    }

    @Test
    void jitterTakesZeroToTwentyFivePercentOff() {
        BfdSession longest = up();
        long sentAt = actions.sentAt.get(actions.sentAt.size() - 1);
        assertThat(longest.nextTransmitNanos() - sentAt).isEqualTo(ms(100));

        RecordingActions other = new RecordingActions();
        BfdSession shortest = new BfdSession(LOCAL, CONFIG, other, FixedRandom.MIN);
        shortest.start(0);
        assertThat(shortest.nextTransmitNanos()).isEqualTo(ms(750));
    }

    @Test
    void withDetectMultOneJitterKeepsEveryIntervalAtOrBelowNinetyPercent() {
        BfdSession session = session(BfdSessionConfig.singleHop(FAST, FAST, 1, false), FixedRandom.MAX);
        session.start(0);
        assertThat(session.nextTransmitNanos()).isEqualTo(ms(900));
        BfdSession low = new BfdSession(LOCAL, BfdSessionConfig.singleHop(FAST, FAST, 1, false), actions, FixedRandom.MIN);
        low.start(0);
        assertThat(low.nextTransmitNanos()).isEqualTo(ms(750));
    }

    @Test
    void periodicPacketsKeepTheirScheduleAndCountersCount() {
        BfdSession session = up();
        int before = actions.sent.size();
        advance(session, ms(20) + ms(299)); // just before the detection time runs out
        // FixedRandom.MAX: exactly every 100 ms from the Up packet at 10 ms
        assertThat(actions.sentAt.subList(before, actions.sent.size())).containsExactly(ms(110), ms(210), ms(310));
        for (int i = before + 1; i < actions.sentAt.size(); i++) {
            assertThat(actions.sentAt.get(i) - actions.sentAt.get(i - 1)).isEqualTo(ms(100));
        }
        assertThat(session.packetsSent()).isEqualTo(actions.sent.size());
        assertThat(session.packetsReceived()).isEqualTo(2);
    }

    @Test
    void badArgumentsAreRefusedWithTheirValue() {
        assertThatThrownBy(() -> new BfdSession(0, CONFIG, actions, FixedRandom.MAX)).hasMessageContaining("nonzero");
        assertThatThrownBy(() -> BfdSessionConfig.singleHop(0, FAST, 3, false)).hasMessageContaining("desiredMinTxMicros 0");
        assertThatThrownBy(() -> BfdSessionConfig.singleHop(FAST, 0, 3, false)).hasMessageContaining("requiredMinRxMicros 0");
        assertThatThrownBy(() -> BfdSessionConfig.singleHop(FAST, FAST, 256, false)).hasMessageContaining("detectMult 256");
        assertThatThrownBy(() -> new BfdSessionConfig(FAST, FAST, 3, false, 0)).hasMessageContaining("minimumTtl 0");
    }
}
