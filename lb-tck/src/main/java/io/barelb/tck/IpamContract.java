package io.barelb.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpRange;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The contract every IPAM factory and its allocators keep, as JUnit 5 tests: extend this class and name the factory,
 * entries it accepts and entries it must refuse. The tests check that no address is handed out twice (a seeded
 * random sequence of allocate, reserve and release against a model, so a failure names the seed that replays it),
 * that release makes an address reusable, that restoring the same assignments in any order reproduces them, that
 * {@code size}, {@code contains} and {@code spans} agree with what is handed out (and so the runtime's overlap check
 * does), and that a bad entry is refused with a problem naming the pool, the entry and the fix.
 */
public abstract class IpamContract {

    /** The pool name entries are created under. */
    protected static final String POOL = "tck-pool";
    /** Entries of at most this many addresses are enumerated completely. */
    protected static final int SMALL = 4096;

    /** The factory under test. */
    protected abstract IpamFactory factory();

    /**
     * Entries the factory accepts, as written without a {@code NAME:} prefix: both families it supports, and small
     * ones (at most {@value #SMALL} addresses), which are enumerated completely.
     */
    protected abstract List<String> entries();

    /** Entries in the factory's notation (so routed to it) that {@code create} must refuse with a problem. */
    protected abstract List<String> invalidEntries();

    /** The seed of the random sequences; a failure message names it. */
    protected long seed() {
        return 20261203L;
    }

    /** How many random operations run per entry. */
    protected int operations() {
        return 3000;
    }

    /** The allocator of {@code text} as entry 0 of {@link #POOL}. */
    protected AddressAllocator create(String text, boolean avoidBuggyIps) {
        return factory().create(new PoolEntry(POOL, 0, text, avoidBuggyIps),
                io.barelb.api.config.ValidationContext.empty(factory().name()));
    }

    @Test
    void nameIsAUsablePrefixAndNotationIsShown() {
        String name = factory().name();
        assertTrue(name.matches("[a-z][a-z0-9-]*"), "name " + name + " must be lower-case letters, digits, dashes");
        assertFalse(name.matches("[0-9a-f]{1,4}"), "name " + name + " would read as an IPv6 group");
        assertFalse(factory().notation().isBlank(), "notation() is shown in errors and must not be blank");
    }

    @Test
    void acceptsItsOwnEntries() {
        assertFalse(entries().isEmpty(), "entries() must hold at least one entry");
        for (String entry : entries()) {
            assertTrue(factory().accepts(entry), "accepts(\"" + entry + "\")");
        }
    }

    @Test
    void noAddressIsHandedOutTwice() {
        for (String entry : entries()) {
            for (boolean avoid : new boolean[] {false, true}) {
                Random random = new Random(seed());
                try (AddressAllocator allocator = create(entry, avoid)) {
                    runAgainstModel(allocator, random, entry + (avoid ? " (avoidBuggyIPs)" : ""));
                }
            }
        }
    }

    @Test
    void releaseMakesAnAddressReusable() {
        for (String entry : entries()) {
            try (AddressAllocator allocator = create(entry, false)) {
                int count = (int) Math.min(small(allocator) ? allocator.size().longValueExact() : 64, SMALL);
                List<IpAddress> taken = new ArrayList<>();
                for (int i = 0; i < count; i++) {
                    taken.add(allocator.allocate().orElseThrow(() -> new AssertionError(entry + ": allocate() empty after "
                            + taken.size() + " of " + allocator.size())));
                }
                if (small(allocator)) {
                    assertEquals(Optional.empty(), allocator.allocate(), entry + ": allocate() when every address is taken");
                }
                IpAddress freed = taken.get(new Random(seed()).nextInt(taken.size()));
                assertTrue(allocator.release(freed), entry + ": release(" + freed + ") of a taken address");
                assertFalse(allocator.release(freed), entry + ": a second release(" + freed + ")");
                assertFalse(allocator.isAssigned(freed), entry + ": isAssigned(" + freed + ") after release");
                assertEquals(count - 1, allocator.assignedCount(), entry + ": assignedCount after one release");
                assertEquals(Optional.of(freed), allocator.allocate(), entry + ": the lowest free address is the freed one");
            }
        }
    }

    @Test
    void restoringTheSameAssignmentsInAnyOrderReproducesThem() {
        for (String entry : entries()) {
            Random random = new Random(seed());
            try (AddressAllocator first = create(entry, false); AddressAllocator restored = create(entry, false)) {
                Set<IpAddress> assigned = runAgainstModel(first, random, entry);
                List<IpAddress> order = new ArrayList<>(assigned);
                Collections.shuffle(order, random);
                for (IpAddress address : order) {
                    assertTrue(restored.reserve(address), entry + ": restoring " + address + " (seed " + seed() + ")");
                }
                for (IpAddress address : order) {
                    assertFalse(restored.reserve(address), entry + ": restoring " + address + " twice");
                    assertTrue(restored.isAssigned(address), entry + ": isAssigned(" + address + ") after restore");
                }
                assertEquals(first.assignedCount(), restored.assignedCount(), entry + ": assignedCount after restore");
                for (int i = 0; i < 8; i++) {
                    assertEquals(first.allocate(), restored.allocate(),
                            entry + ": the next allocate() after restoring (seed " + seed() + ")");
                }
            }
        }
    }

    @Test
    void allocationIsDeterministic() {
        for (String entry : entries()) {
            try (AddressAllocator a = create(entry, false); AddressAllocator b = create(entry, false)) {
                Random ra = new Random(seed());
                Random rb = new Random(seed());
                assertEquals(runAgainstModel(a, ra, entry), runAgainstModel(b, rb, entry),
                        entry + ": the same calls give the same assignments (seed " + seed() + ")");
            }
        }
    }

    @Test
    void sizeMembershipAndSpansAgreeWithWhatIsHandedOut() {
        List<Set<IpAddress>> handedOut = new ArrayList<>();
        List<List<IpRange>> spansOf = new ArrayList<>();
        for (String entry : entries()) {
            for (boolean avoid : new boolean[] {false, true}) {
                try (AddressAllocator allocator = create(entry, avoid)) {
                    String what = entry + (avoid ? " (avoidBuggyIPs)" : "");
                    List<IpRange> spans = allocator.spans();
                    assertSpansWellFormed(allocator, spans, what);
                    before(allocator.first()).ifPresent(previous -> assertFalse(allocator.contains(previous),
                            what + ": contains the address before first()"));
                    after(allocator.last()).ifPresent(next -> assertFalse(allocator.contains(next),
                            what + ": contains the address after last()"));
                    if (!small(allocator)) {
                        assertTrue(allocator.size().signum() > 0, what + ": size() of a large entry");
                        continue;
                    }
                    Set<IpAddress> all = new TreeSet<>();
                    for (Optional<IpAddress> next = allocator.allocate(); next.isPresent(); next = allocator.allocate()) {
                        IpAddress address = next.get();
                        assertTrue(all.add(address), what + ": " + address + " handed out twice");
                        assertTrue(allocator.contains(address), what + ": contains(" + address + ") of a handed-out one");
                        assertTrue(spans.stream().anyMatch(s -> s.contains(address)), what + ": " + address
                                + " lies in no span " + spans);
                        assertFalse(avoid && buggy(address), what + ": " + address + " handed out with avoidBuggyIPs");
                        assertTrue(all.size() <= SMALL, what + ": hands out more than size() " + allocator.size());
                    }
                    assertEquals(allocator.size(), BigInteger.valueOf(all.size()), what + ": size() against the addresses"
                            + " handed out");
                    for (IpRange span : spans) {
                        for (IpAddress a = span.first(); ; a = a.plus(1)) {
                            assertEquals(all.contains(a), allocator.contains(a), what + ": contains(" + a + ")");
                            if (a.equals(span.last())) {
                                break;
                            }
                        }
                    }
                    if (!avoid) {
                        handedOut.add(all);
                        spansOf.add(spans);
                    }
                }
            }
        }
        // the runtime's overlap check reads spans: disjoint spans must mean disjoint addresses
        for (int i = 0; i < handedOut.size(); i++) {
            for (int j = i + 1; j < handedOut.size(); j++) {
                Set<IpAddress> shared = new TreeSet<>(handedOut.get(i));
                shared.retainAll(handedOut.get(j));
                List<IpRange> other = spansOf.get(j);
                boolean spansShare = spansOf.get(i).stream().anyMatch(a -> other.stream().anyMatch(a::overlaps));
                assertTrue(shared.isEmpty() || spansShare, "entries " + i + " and " + j + " of entries() hand out "
                        + shared + " but their spans do not overlap");
            }
        }
    }

    @Test
    void reserveRefusesAnAddressOutsideTheEntry() {
        for (String entry : entries()) {
            try (AddressAllocator allocator = create(entry, false)) {
                Optional<IpAddress> outside = after(allocator.last()).or(() -> before(allocator.first()));
                outside.ifPresent(address -> assertThrows(IllegalArgumentException.class, () -> allocator.reserve(address),
                        entry + ": reserve(" + address + ") outside the entry"));
            }
        }
    }

    @Test
    void badEntriesAreRefusedNamingTheEntry() {
        assertFalse(invalidEntries().isEmpty(), "invalidEntries() must hold at least one entry");
        for (String text : invalidEntries()) {
            PoolEntry entry = new PoolEntry("bad-pool", 3, text, false);
            ConfigException refused;
            try (AddressAllocator unexpected = factory().create(entry,
                    io.barelb.api.config.ValidationContext.empty(factory().name()))) {
                fail("create(\"" + text + "\") was accepted: " + unexpected.first() + "-" + unexpected.last());
                return;
            } catch (ConfigException e) {
                refused = e;
            } catch (RuntimeException e) {
                fail("create(\"" + text + "\") threw " + e + " instead of a ConfigException naming the entry", e);
                return;
            }
            assertFalse(refused.problems().isEmpty(), text + ": a ConfigException without problems");
            for (ConfigProblem problem : refused.problems()) {
                ProblemChecks.assertNames(problem, "IPAddressPool", "bad-pool", "spec.addresses[3]");
                assertEquals(text, problem.value(), "the problem's value is the entry as given");
            }
        }
    }

    // ---- the model

    /**
     * Runs {@link #operations()} random allocate/reserve/release calls against a set of what is taken and checks every
     * answer against it; returns what is taken at the end.
     */
    protected final Set<IpAddress> runAgainstModel(AddressAllocator allocator, Random random, String what) {
        Set<IpAddress> taken = new TreeSet<>();
        List<IpAddress> seen = new ArrayList<>();
        String replay = what + " (seed " + seed() + ", operation ";
        boolean small = small(allocator);
        long size = small ? allocator.size().longValueExact() : Long.MAX_VALUE;
        for (int op = 0; op < operations(); op++) {
            String at = replay + op + ")";
            int choice = random.nextInt(10);
            if (choice < 5) {
                Optional<IpAddress> next = allocator.allocate();
                if (next.isEmpty()) {
                    assertEquals(size, taken.size(), at + ": allocate() empty while addresses are free");
                } else {
                    IpAddress address = next.get();
                    assertTrue(allocator.contains(address), at + ": allocate() gave " + address + ", outside the entry");
                    assertTrue(taken.add(address), at + ": allocate() handed out " + address + " twice");
                    seen.add(address);
                }
            } else if (choice < 7) {
                Optional<IpAddress> candidate = randomMember(allocator, random);
                if (candidate.isPresent()) {
                    IpAddress address = candidate.get();
                    assertEquals(!taken.contains(address), allocator.reserve(address), at + ": reserve(" + address + ")");
                    taken.add(address);
                    seen.add(address);
                }
            } else if (!seen.isEmpty()) {
                IpAddress address = seen.get(random.nextInt(seen.size()));
                assertEquals(taken.remove(address), allocator.release(address), at + ": release(" + address + ")");
            }
            assertEquals(taken.size(), allocator.assignedCount(), at + ": assignedCount()");
        }
        for (IpAddress address : seen) {
            assertEquals(taken.contains(address), allocator.isAssigned(address), replay + "end): isAssigned(" + address + ")");
        }
        return taken;
    }

    private static Optional<IpAddress> randomMember(AddressAllocator allocator, Random random) {
        List<IpRange> spans = allocator.spans();
        for (int attempt = 0; attempt < 16; attempt++) {
            IpRange span = spans.get(random.nextInt(spans.size()));
            long width;
            try {
                width = span.last().minus(span.first());
            } catch (IllegalArgumentException huge) {
                width = Long.MAX_VALUE - 1;
            }
            long offset = width == Long.MAX_VALUE - 1 || width < 0 ? random.nextLong() & Long.MAX_VALUE >>> 1
                    : (long) (random.nextDouble() * (width + 1));
            IpAddress address = span.first().plus(Math.min(offset, width));
            if (allocator.contains(address)) {
                return Optional.of(address);
            }
        }
        return Optional.empty();
    }

    private static void assertSpansWellFormed(AddressAllocator allocator, List<IpRange> spans, String what) {
        assertFalse(spans.isEmpty(), what + ": spans() is empty");
        assertEquals(allocator.first(), spans.get(0).first(), what + ": the first span starts at first()");
        assertEquals(allocator.last(), spans.get(spans.size() - 1).last(), what + ": the last span ends at last()");
        for (int i = 0; i < spans.size(); i++) {
            assertEquals(allocator.family(), spans.get(i).family(), what + ": family of span " + spans.get(i));
            if (i > 0) {
                IpAddress previousEnd = spans.get(i - 1).last();
                assertTrue(previousEnd.compareTo(spans.get(i).first()) < 0, what + ": spans ascending and disjoint");
                assertFalse(after(previousEnd).map(spans.get(i).first()::equals).orElse(false),
                        what + ": spans " + spans.get(i - 1) + " and " + spans.get(i) + " are adjacent");
            }
        }
    }

    private static boolean small(AddressAllocator allocator) {
        return allocator.size().compareTo(BigInteger.valueOf(SMALL)) <= 0;
    }

    private static boolean buggy(IpAddress address) {
        if (!address.isIpv4()) {
            return false;
        }
        long last = address.low() & 0xff;
        return last == 0 || last == 255;
    }

    private static Optional<IpAddress> after(IpAddress address) {
        try {
            return Optional.of(address.plus(1));
        } catch (ArithmeticException end) {
            return Optional.empty();
        }
    }

    private static Optional<IpAddress> before(IpAddress address) {
        if (address.high() == 0 && address.low() == 0) {
            return Optional.empty();
        }
        long low = address.low() - 1;
        long high = address.low() == 0 ? address.high() - 1 : address.high();
        return Optional.of(IpAddress.of(address.family(), high, low));
    }
}
