package io.barelb.announcer.bgp.bfd.fsm;

import java.util.random.RandomGenerator;

/** A random source whose bounded draws are always {@code bound - 1} (max) or always 0 (min). */
final class FixedRandom implements RandomGenerator {

    static final FixedRandom MIN = new FixedRandom(false);
    static final FixedRandom MAX = new FixedRandom(true);

    private final boolean max;

    private FixedRandom(boolean max) {
        this.max = max;
    }

    @Override
    public long nextLong() {
        return max ? -1L : 0L;
    }

    @Override
    public int nextInt(int bound) {
        return max ? bound - 1 : 0;
    }
}
