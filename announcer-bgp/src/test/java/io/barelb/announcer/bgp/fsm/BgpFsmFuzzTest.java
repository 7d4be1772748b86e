package io.barelb.announcer.bgp.fsm;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.barelb.announcer.bgp.wire.AddressFamily;
import io.barelb.announcer.bgp.wire.BgpDecodeException;
import io.barelb.announcer.bgp.wire.BgpMessageCodec;
import io.barelb.announcer.bgp.wire.Capability;
import io.barelb.announcer.bgp.wire.CodecOptions;
import io.barelb.announcer.bgp.wire.NotificationMessage;
import io.barelb.announcer.bgp.wire.OpenMessage;
import io.barelb.announcer.bgp.wire.RouteRefreshMessage;
import io.barelb.announcer.bgp.wire.UpdateMessage;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Fuzzes {@link BgpFsm} with sequences of events and of messages decoded by {@link BgpMessageCodec} from fuzzed
 * bytes, on the session's or on a colliding connection: nothing throws out of the machine and
 * {@link FsmInvariants} hold after every step (Established only after the OPEN and KEEPALIVE exchange, every error
 * answered with its NOTIFICATION, timers as the state requires, one decision per offered connection). In a plain
 * {@code mvn verify} Jazzer replays the seeds under {@code BgpFsmFuzzTestInputs/eventsNeverBreakTheMachine/};
 * {@code JAZZER_FUZZ=1 mvn -pl announcer-bgp test -Dtest=BgpFsmFuzzTest} fuzzes.
 *
 * <p>The input is a program, one operation per byte ({@code op % 16}), some followed by operand bytes:
 * 0 ManualStart, 1 ManualStop, 2 outgoing connection up, 3 connection fails, 4 incoming connection accepted,
 * 5 time passes ({@code n * 512} ms), 6 a stale timer expiry ({@code n}), 7 the owner sends an UPDATE, 8 the peer's
 * OPEN (hold, AS, identifier, capability bits), 9 KEEPALIVE, 10 a message of type {@code t} with a fuzzed body of
 * {@code n} bytes behind a valid header, 11 {@code n} raw bytes decoded as a whole message, 12 a NOTIFICATION
 * ({@code code, subcode}), 13 End-of-RIB, 14 ROUTE-REFRESH, 15 the next peer event happens on the colliding
 * connection.
 */
class BgpFsmFuzzTest {

    private static final int[] HOLDS = {0, 1, 3, 9, 30, 90, 180, 65535};
    private static final long[] ASES = {64513, 64512, OpenMessage.AS_TRANS, 65000};
    private static final IpAddress[] IDS = {Sessions.PEER_ID, Sessions.LOCAL_ID, IpAddress.parse("0.0.0.0"),
            IpAddress.parse("255.255.255.254"), IpAddress.parse("192.0.2.0")};
    private static final int MAX_STEPS = 400;

    /** Reads the program; -1 once it is used up. */
    private static final class Program {
        private final byte[] input;
        private int at;

        Program(byte[] input) {
            this.input = input;
        }

        int next() {
            return at < input.length ? input[at++] & 0xFF : -1;
        }

        int operand() {
            return Math.max(0, next());
        }

        byte[] take(int n) {
            int end = Math.min(input.length, at + n);
            byte[] out = Arrays.copyOfRange(input, at, end);
            at = end;
            return out;
        }
    }

    @FuzzTest(maxDuration = "30s")
    void eventsNeverBreakTheMachine(byte[] input) {
        Program program = new Program(input);
        FsmHarness h = new FsmHarness(Sessions.ebgp());
        boolean onColliding = false;
        int op;
        for (int step = 0; step < MAX_STEPS && (op = program.next()) >= 0; step++) {
            int at = step;
            int code = op % 16;
            if (op % 16 == 5) {
                h.advance(Duration.ofMillis(512L * program.operand() * (1 + program.operand())));
                FsmInvariants.checkTimers(h, () -> "step " + at + " op " + code + " after advancing");
                continue;
            }
            if (op % 16 == 15) {
                onColliding = true;
                continue;
            }
            FsmEvent event = event(op % 16, program);
            if (onColliding && isConnectionEvent(event)) {
                event = new FsmEvent.OnCollidingConnection(event);
                onColliding = false;
            }
            SessionState before = h.fsm.state();
            boolean collidingBefore = h.fsm.hasCollidingConnection();
            List<FsmAction> actions = h.fire(event);
            FsmEvent fired = event;
            FsmInvariants.check(() -> "step " + at + " op " + code + ": " + fired + " in " + before + " -> "
                    + h.fsm.state(), h, fired, before, collidingBefore, actions);
        }
    }

    private static boolean isConnectionEvent(FsmEvent event) {
        return !(event instanceof FsmEvent.ManualStart || event instanceof FsmEvent.ManualStop
                || event instanceof FsmEvent.TimerExpired || event instanceof FsmEvent.SendUpdate
                || event instanceof FsmEvent.TcpConnectionAccepted);
    }

    private static FsmEvent event(int op, Program program) {
        return switch (op) {
            case 0 -> new FsmEvent.ManualStart();
            case 1 -> new FsmEvent.ManualStop();
            case 2 -> new FsmEvent.TcpConnectionConfirmed();
            case 3 -> new FsmEvent.TcpConnectionFails("fuzzed");
            case 4 -> new FsmEvent.TcpConnectionAccepted();
            case 6 -> new FsmEvent.TimerExpired(SessionTimer.values()[program.operand() % SessionTimer.values().length]);
            case 7 -> new FsmEvent.SendUpdate(UpdateMessage.endOfRib(AddressFamily.IPV4_UNICAST));
            case 8 -> new FsmEvent.BgpOpen(open(program));
            case 9 -> new FsmEvent.KeepAliveMsg();
            case 10 -> decoded(framed(program.operand() % 6, program.take(program.operand())));
            case 11 -> decoded(program.take(program.operand()));
            case 12 -> new FsmEvent.NotifMsg(new NotificationMessage(program.operand(), program.operand(),
                    io.barelb.announcer.bgp.wire.Octets.EMPTY));
            case 13 -> new FsmEvent.UpdateMsg(UpdateMessage.endOfRib(AddressFamily.IPV6_UNICAST));
            default -> new FsmEvent.RouteRefreshMsg(new RouteRefreshMessage(program.operand() % 2 == 0
                    ? AddressFamily.IPV4_UNICAST : AddressFamily.IPV6_UNICAST));
        };
    }

    private static OpenMessage open(Program program) {
        int hold = HOLDS[program.operand() % HOLDS.length];
        long as = ASES[program.operand() % ASES.length];
        IpAddress id = IDS[program.operand() % IDS.length];
        int bits = program.operand();
        List<Capability> capabilities = new ArrayList<>();
        if ((bits & 1) != 0) {
            capabilities.add(new Capability.Multiprotocol(AddressFamily.IPV4_UNICAST));
        }
        if ((bits & 2) != 0) {
            capabilities.add(new Capability.Multiprotocol(AddressFamily.IPV6_UNICAST));
        }
        if ((bits & 4) != 0) {
            capabilities.add(new Capability.RouteRefresh());
        }
        if ((bits & 8) != 0) {
            capabilities.add(new Capability.FourOctetAs(as == OpenMessage.AS_TRANS ? 4_200_000_000L : as));
        }
        if ((bits & 16) != 0) {
            capabilities.add(new Capability.GracefulRestart((bits & 32) != 0, 120,
                    List.of(new Capability.GracefulRestart.Family(AddressFamily.IPV4_UNICAST, (bits & 64) != 0))));
        }
        return OpenMessage.of(as, hold, id, capabilities);
    }

    /** A header (marker, length, {@code type}) in front of {@code body}, as the frame decoder hands it on. */
    private static byte[] framed(int type, byte[] body) {
        byte[] frame = new byte[19 + body.length];
        Arrays.fill(frame, 0, 16, (byte) 0xFF);
        frame[16] = (byte) (frame.length >> 8);
        frame[17] = (byte) frame.length;
        frame[18] = (byte) type;
        System.arraycopy(body, 0, frame, 19, body.length);
        return frame;
    }

    /** What the channel handler makes of a frame: the message's event, or the decoder's NOTIFICATION. */
    private static FsmEvent decoded(byte[] frame) {
        try {
            return FsmEvent.received(BgpMessageCodec.decode(frame, CodecOptions.FOUR_OCTET_AS));
        } catch (BgpDecodeException e) {
            return new FsmEvent.MessageDecodeError(e.toNotification());
        }
    }
}
