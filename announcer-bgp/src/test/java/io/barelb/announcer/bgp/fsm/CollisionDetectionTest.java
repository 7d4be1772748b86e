package io.barelb.announcer.bgp.fsm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.announcer.bgp.fsm.CollisionDetection.Survivor;
import io.barelb.announcer.bgp.wire.BgpError;
import io.barelb.api.net.IpAddress;
import org.junit.jupiter.api.Test;

class CollisionDetectionTest {

    private static final IpAddress LOW = IpAddress.parse("10.0.0.1");
    private static final IpAddress HIGH = IpAddress.parse("200.0.0.1");

    @Test
    void theHigherIdentifierKeepsTheConnectionItOpened() {
        assertEquals(Survivor.LOCALLY_INITIATED, CollisionDetection.survivor(HIGH, LOW));
        assertEquals(Survivor.REMOTELY_INITIATED, CollisionDetection.survivor(LOW, HIGH));
    }

    @Test
    void bothSidesPickTheSameConnection() {
        // what one side keeps as "local" the other keeps as "remote": the same TCP connection
        assertEquals(CollisionDetection.survivor(HIGH, LOW) == Survivor.LOCALLY_INITIATED,
                CollisionDetection.survivor(LOW, HIGH) == Survivor.REMOTELY_INITIATED);
    }

    @Test
    void identifiersCompareUnsignedSoTheTopBitCounts() {
        // 200.0.0.1 has the top bit set: a signed comparison would put it below 10.0.0.1
        assertEquals(Survivor.LOCALLY_INITIATED, CollisionDetection.survivor(HIGH, LOW));
    }

    @Test
    void anEstablishedConnectionAlwaysSurvives() {
        assertEquals(Survivor.LOCALLY_INITIATED,
                CollisionDetection.survivor(SessionState.ESTABLISHED, true, LOW, HIGH));
        assertEquals(Survivor.REMOTELY_INITIATED,
                CollisionDetection.survivor(SessionState.ESTABLISHED, false, HIGH, LOW));
        assertFalse(CollisionDetection.collides(SessionState.ESTABLISHED));
        assertTrue(CollisionDetection.collides(SessionState.OPEN_CONFIRM));
    }

    @Test
    void theClosedConnectionGetsTheCollisionCease() {
        assertEquals(BgpError.CEASE_CONNECTION_COLLISION_RESOLUTION,
                CollisionDetection.CLOSING_NOTIFICATION.error().orElseThrow());
    }
}
