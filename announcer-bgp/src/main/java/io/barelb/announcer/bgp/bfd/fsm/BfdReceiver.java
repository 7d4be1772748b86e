package io.barelb.announcer.bgp.bfd.fsm;

import io.barelb.announcer.bgp.bfd.wire.BfdControlCodec;
import io.barelb.announcer.bgp.bfd.wire.BfdControlFields;
import io.barelb.announcer.bgp.bfd.wire.BfdDecodeOutcome;
import io.netty.buffer.ByteBuf;
import java.util.Objects;

/**
 * The receive path of RFC 5880 §6.8.6 for every session of a {@link BfdSessionTable}: decode into one reused
 * holder, apply the codec's checks, select the session, and hand the packet over. Counts every outcome (the
 * decode rules by {@link BfdDecodeOutcome}); allocates nothing when the session is found by discriminator. Not
 * thread-safe: one event loop owns it.
 *
 * @param <K> how a peer is named, as in the table
 */
public final class BfdReceiver<K> {

    private final BfdSessionTable<K> table;
    private final BfdControlFields received = new BfdControlFields();
    private final long[] outcomes = new long[BfdReceiveOutcome.values().length];
    private final long[] decodeOutcomes = new long[BfdDecodeOutcome.values().length];
    private BfdDecodeOutcome lastDecodeOutcome = BfdDecodeOutcome.VALID;
    private BfdSession lastSession;

    public BfdReceiver(BfdSessionTable<K> table) {
        this.table = Objects.requireNonNull(table, "table");
    }

    /**
     * One datagram: the UDP payload in {@code payload[readerIndex, writerIndex)} (not consumed, not released),
     * from {@code source}, with its TTL / hop limit or -1 when the socket filters it.
     */
    public BfdReceiveOutcome receive(ByteBuf payload, K source, int ttl, long nowNanos) {
        BfdDecodeOutcome decoded = BfdControlCodec.decode(payload, received);
        lastDecodeOutcome = decoded;
        lastSession = null;
        decodeOutcomes[decoded.ordinal()]++;
        if (decoded != BfdDecodeOutcome.VALID) {
            return record(BfdReceiveOutcome.MALFORMED);
        }
        BfdSession session = table.select(received.yourDiscriminator(), source);
        if (session == null) {
            return record(BfdReceiveOutcome.NO_SESSION);
        }
        lastSession = session;
        return record(session.receive(received, ttl, nowNanos));
    }

    private BfdReceiveOutcome record(BfdReceiveOutcome outcome) {
        outcomes[outcome.ordinal()]++;
        return outcome;
    }

    /** How many datagrams ended with {@code outcome}. */
    public long count(BfdReceiveOutcome outcome) {
        return outcomes[outcome.ordinal()];
    }

    /** How many datagrams the codec judged {@code outcome}. */
    public long count(BfdDecodeOutcome outcome) {
        return decodeOutcomes[outcome.ordinal()];
    }

    /** The session the last datagram was routed to (whatever it made of it), or null. */
    public BfdSession lastSession() {
        return lastSession;
    }

    /** The codec's verdict on the last datagram. */
    public BfdDecodeOutcome lastDecodeOutcome() {
        return lastDecodeOutcome;
    }
}
