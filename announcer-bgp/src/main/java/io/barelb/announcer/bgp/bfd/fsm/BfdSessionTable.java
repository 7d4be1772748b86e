package io.barelb.announcer.bgp.bfd.fsm;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.IntFunction;
import java.util.random.RandomGenerator;

/**
 * The sessions of one system, found as RFC 5880 §6.8.6 selects them: by Your Discriminator when it is nonzero,
 * else by the packet's source ({@code K}, e.g. the peer's address). Hands out local discriminators: the low 16
 * bits are the session's slot, the high 15 bits a random nonzero tag (so a discriminator is never 0, and one
 * reused after a session is removed is unlikely to match the old one). Looking up by discriminator allocates
 * nothing. Not thread-safe.
 *
 * @param <K> how a peer is named (its address)
 */
public final class BfdSessionTable<K> {

    private static final int MAX_SESSIONS = 1 << 16;

    private final RandomGenerator random;
    private final Map<K, BfdSession> byPeer = new HashMap<>();
    private BfdSession[] slots = new BfdSession[16];

    public BfdSessionTable(RandomGenerator random) {
        this.random = Objects.requireNonNull(random, "random");
    }

    /**
     * Creates the session for {@code peer} with a fresh discriminator ({@code factory} builds it from the
     * discriminator) and adds it. Fails if {@code peer} already has a session.
     */
    public BfdSession add(K peer, IntFunction<BfdSession> factory) {
        if (byPeer.containsKey(peer)) {
            throw new IllegalStateException("a BFD session for " + peer + " exists already");
        }
        int slot = freeSlot();
        int discriminator = (1 + random.nextInt(0x7FFF)) << 16 | slot;
        BfdSession session = factory.apply(discriminator);
        if (session.localDiscriminator() != discriminator) {
            throw new IllegalArgumentException("the factory must use the discriminator it is given");
        }
        slots[slot] = session;
        byPeer.put(peer, session);
        return session;
    }

    /** Removes {@code peer}'s session; returns it, or null if there was none. */
    public BfdSession remove(K peer) {
        BfdSession session = byPeer.remove(peer);
        if (session != null) {
            slots[session.localDiscriminator() & 0xFFFF] = null;
        }
        return session;
    }

    /** The session whose local discriminator is {@code discriminator}, or null. */
    public BfdSession byDiscriminator(int discriminator) {
        int slot = discriminator & 0xFFFF;
        BfdSession session = slot < slots.length ? slots[slot] : null;
        return session != null && session.localDiscriminator() == discriminator ? session : null;
    }

    public BfdSession byPeer(K peer) {
        return byPeer.get(peer);
    }

    /** §6.8.6 selection: by {@code yourDiscriminator} if nonzero, else by {@code source}; null if none. */
    public BfdSession select(int yourDiscriminator, K source) {
        return yourDiscriminator != 0 ? byDiscriminator(yourDiscriminator) : byPeer.get(source);
    }

    public int size() {
        return byPeer.size();
    }

    /** The sessions by peer (a read-only view). */
    public Map<K, BfdSession> sessions() {
        return java.util.Collections.unmodifiableMap(byPeer);
    }

    private int freeSlot() {
        for (int i = 0; i < slots.length; i++) {
            if (slots[i] == null) {
                return i;
            }
        }
        if (slots.length == MAX_SESSIONS) {
            throw new IllegalStateException("no room for another BFD session: " + MAX_SESSIONS + " are in use");
        }
        int free = slots.length;
        slots = Arrays.copyOf(slots, Math.min(MAX_SESSIONS, slots.length * 2));
        return free;
    }
}
