package io.barelb.tck;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.AnnouncerStates.Key;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The contract every announcer keeps, as JUnit 5 tests: extend this class in your plugin's test suite and answer its
 * abstract methods with the real announcer on real (or test-controlled) network parts. The tests check that
 * {@code apply} is idempotent, an empty state withdraws everything, {@code close} withdraws and releases the threads
 * and descriptors the announcer took, failures are reported as {@code FAILED} status and never thrown into the host,
 * status is reported once per advertisement, and the plugin's kinds validate with problems that name the resource,
 * the field and the fix.
 *
 * <p>"Announced" means what the outside world sees: a peer's routing table, a routing daemon's routes, the
 * addresses an ARP/NDP responder answers. {@link #announcedNow()} reads it; the contract waits (with
 * {@link #settleDeadline()}) for it to match rather than assuming {@code apply} acts synchronously.
 */
public abstract class AnnouncerContract {

    /** The context of the current test, built by {@link #newContext()} before each test and closed after it. */
    protected TestPluginContext context;

    private final List<Announcer> created = new ArrayList<>();

    /** The factory under test: its name, kinds and validation, and (by default) the announcers. */
    protected abstract AnnouncerFactory factory();

    /**
     * A state this node announces at least two addresses of (with the resources the announcer needs, peers for BGP),
     * for Services the test environment lets it announce.
     */
    protected abstract AnnouncerState desiredState();

    /** The addresses the outside world sees this node announce now (read from the peer, daemon or wire). */
    protected abstract Set<IpAddress> announcedNow() throws Exception;

    /**
     * Makes announcing fail from now on (the routing daemon stops, capture is refused, the peer's password Secret is
     * missing) and returns the state to apply then; the announcer must report it, not throw it.
     */
    protected abstract AnnouncerState breakAnnouncing() throws Exception;

    /** Undoes {@link #breakAnnouncing()} and returns the state that announces again. */
    protected abstract AnnouncerState repairAnnouncing() throws Exception;

    /** Valid resources of every kind the factory declares; {@code validate} must find no problem in them. */
    protected abstract List<ConfigResource> validResources();

    /** Wrong resources of the plugin's kinds, each with the field its problem must name. */
    protected abstract List<InvalidResource> invalidResources();

    /** The context announcers are created with; by default a speaker on {@code node-1}. */
    protected TestPluginContext newContext() {
        return TestPluginContext.builder(factory().name()).node("node-1").build();
    }

    /** A new announcer on {@code context}; by default {@code factory().create(context)}. Override to use test seams. */
    protected Announcer create(TestPluginContext context) {
        return factory().create(context);
    }

    /** What {@code state} should make the outside world see: by default the addresses this node is a candidate for. */
    protected Set<IpAddress> expectedAnnounced(AnnouncerState state) {
        String node = context.nodeName().orElse("");
        return state.advertisements().stream().filter(ad -> ad.candidateNodes().contains(node))
                .map(Advertisement::address).collect(Collectors.toCollection(TreeSet::new));
    }

    /**
     * How many externally visible actions the environment has seen so far (daemon reloads, UPDATEs, gratuitous ARPs),
     * or -1 if it cannot tell; when it can, applying an equal state must not add any.
     */
    protected long externalActions() throws Exception {
        return -1;
    }

    /** How long the outside world may take to match a state. A bound on waiting, never a speed requirement. */
    protected Duration settleDeadline() {
        return Duration.ofSeconds(20);
    }

    @BeforeEach
    final void openContract() {
        context = newContext();
    }

    @AfterEach
    final void closeContract() {
        for (Announcer announcer : created) {
            try {
                announcer.close();
            } catch (RuntimeException ignored) {
                // the test that made it already failed or already closed it
            }
        }
        created.clear();
        context.close();
    }

    /** A new announcer that the contract closes after the test. */
    protected final Announcer newAnnouncer() {
        Announcer announcer = create(context);
        created.add(announcer);
        return announcer;
    }

    @Test
    void applyingAnEqualStateAgainChangesNothing() throws Exception {
        Announcer announcer = newAnnouncer();
        AnnouncerState desired = desiredState();
        applySettled(announcer, desired);
        Set<AnnouncementStatus> first = new HashSet<>(announcer.status());
        long actions = externalActions();

        announcer.apply(AnnouncerStates.copy(desired));
        announcer.apply(AnnouncerStates.copy(desired));

        awaitAnnounced("after applying an equal state twice more", expectedAnnounced(desired));
        assertEquals(first, new HashSet<>(announcer.status()), "status after applying an equal state again");
        assertEquals(actions, externalActions(), "external actions (reloads, updates) caused by an equal state");
    }

    @Test
    void anEmptyStateWithdrawsEverything() throws Exception {
        Announcer announcer = newAnnouncer();
        applySettled(announcer, desiredState());

        announcer.apply(AnnouncerState.empty());

        awaitAnnounced("after applying the empty state", Set.of());
        assertEquals(List.of(), announcer.status(), "status after the empty state");
    }

    @Test
    void statusIsReportedOncePerAdvertisement() throws Exception {
        Announcer announcer = newAnnouncer();
        AnnouncerState desired = desiredState();
        assertTrue(desired.advertisements().size() >= 2, "desiredState() must hold at least two advertisements");

        applySettled(announcer, desired);
        assertEquals(List.copyOf(AnnouncerStates.keys(desired)), AnnouncerStates.keys(announcer.status()),
                "one status per advertisement of the state");
        announcer.status().forEach(this::assertReadable);

        Advertisement dropped = desired.advertisements().get(0);
        AnnouncerState fewer = AnnouncerStates.only(desired, ad -> !ad.equals(dropped));
        announcer.apply(fewer);
        awaitAnnounced("after dropping " + dropped.service() + " " + dropped.address(), expectedAnnounced(fewer));
        assertEquals(List.copyOf(AnnouncerStates.keys(fewer)), AnnouncerStates.keys(announcer.status()),
                "status after one advertisement left the state");
    }

    @Test
    void unusualAdvertisementsAreReportedNotThrown() throws Exception {
        Announcer announcer = newAnnouncer();
        AnnouncerState desired = desiredState();
        Advertisement template = desired.advertisements().get(0);
        List<Advertisement> advertisements = new ArrayList<>(desired.advertisements());
        // an IPv6 address, and an address this node is no candidate for
        advertisements.add(new Advertisement(template.service(), IpAddress.parse("2001:db8::7"), template.pool(),
                template.candidateNodes(), template.selectedBy(), false));
        advertisements.add(new Advertisement(template.service(), IpAddress.parse("203.0.113.254"), template.pool(),
                Set.of("some-other-node"), template.selectedBy(), true));
        AnnouncerState unusual = new AnnouncerState(advertisements, desired.resources(), desired.nodes());

        assertDoesNotThrow(() -> announcer.apply(unusual), "apply of a state with an IPv6 address and a foreign one");

        List<AnnouncementStatus> status = assertDoesNotThrow(announcer::status);
        assertEquals(List.copyOf(AnnouncerStates.keys(unusual)), AnnouncerStates.keys(status),
                "one status per advertisement, whatever the announcer can do with it");
        status.forEach(this::assertReadable);
        assertTrue(status.stream().filter(s -> s.address().equals(IpAddress.parse("203.0.113.254")))
                        .noneMatch(AnnouncementStatus::announced), "an address this node is no candidate for is announced");
    }

    @Test
    void failuresAreReportedAsStatusAndNeverThrown() throws Exception {
        Announcer announcer = newAnnouncer();
        applySettled(announcer, desiredState());

        AnnouncerState broken = breakAnnouncing();
        assertDoesNotThrow(() -> announcer.apply(broken), "apply while announcing fails");
        List<AnnouncementStatus> failed = Await.until("a FAILED status after breakAnnouncing()", settleDeadline(),
                announcer::status, status -> status.stream().anyMatch(s -> s.state() == AnnouncementStatus.State.FAILED),
                () -> "at least one advertisement FAILED");
        failed.forEach(this::assertReadable);

        AnnouncerState repaired = repairAnnouncing();
        // as the speaker does: apply the same state again until nothing is FAILED
        Await.until("no FAILED status after repairAnnouncing(), applying again as the speaker retries",
                settleDeadline(), () -> {
                    announcer.apply(repaired);
                    return announcer.status();
                }, status -> status.stream().noneMatch(s -> s.state() == AnnouncementStatus.State.FAILED),
                () -> "no advertisement FAILED");
        awaitAnnounced("after the repair", expectedAnnounced(repaired));
    }

    @Test
    void closeWithdrawsAndReleasesThreadsAndDescriptors() throws Exception {
        // one full cycle first, so that what a library starts once per process is there before counting
        Announcer warmUp = newAnnouncer();
        applySettled(warmUp, desiredState());
        warmUp.close();
        awaitAnnounced("after closing the first announcer", Set.of());
        awaitReleased(HostResources.now(), "the first announcer");
        HostResources before = HostResources.now();

        Announcer announcer = newAnnouncer();
        applySettled(announcer, desiredState());
        announcer.close();

        awaitAnnounced("after close()", Set.of());
        assertDoesNotThrow(announcer::close, "a second close()");
        awaitReleased(before, "the announcer");
    }

    @Test
    void kindsAreWellFormed() {
        List<ResourceKind> kinds = factory().kinds();
        assertTrue(kinds.stream().filter(ResourceKind::advertisement).count() <= 1, "at most one advertisement kind");
        Set<String> names = new HashSet<>();
        for (ResourceKind kind : kinds) {
            assertTrue(names.add(kind.kind()), "kind " + kind.kind() + " declared twice");
            assertFalse(Set.of("IPAddressPool", "ConfigurationState").contains(kind.kind()),
                    "kind " + kind.kind() + " is the runtime's own");
        }
        for (ConfigResource resource : validResources()) {
            assertTrue(names.contains(resource.kind()), "validResources() holds kind " + resource.kind()
                    + ", which the factory does not declare in kinds() " + names);
        }
        for (InvalidResource invalid : invalidResources()) {
            assertTrue(names.contains(invalid.resource().kind()), "invalidResources() holds kind "
                    + invalid.resource().kind() + ", which the factory does not declare in kinds() " + names);
        }
    }

    @Test
    void validResourcesHaveNoProblem() {
        List<ConfigProblem> problems = factory().validate(validResources(), context.validationContext());
        assertEquals(List.of(), problems, "problems in validResources()");
    }

    @Test
    void eachInvalidResourceIsReportedNamingResourceFieldAndFix() {
        assertFalse(invalidResources().isEmpty(), "invalidResources() must hold at least one case");
        for (InvalidResource invalid : invalidResources()) {
            List<ConfigResource> resources = new ArrayList<>(validResources());
            resources.add(invalid.resource());
            List<ConfigProblem> problems = assertDoesNotThrow(
                    () -> factory().validate(resources, context.validationContext()),
                    "validate with " + invalid.resource().kind() + " \"" + invalid.resource().name() + "\"");
            ConfigProblem about = problems.stream()
                    .filter(p -> p.kind().equals(invalid.resource().kind()) && p.name().equals(invalid.resource().name()))
                    .findFirst().orElseThrow(() -> new AssertionError("no problem names " + invalid.resource().kind()
                            + " \"" + invalid.resource().name() + "\" (expected one at " + invalid.field() + "); got "
                            + problems));
            ProblemChecks.assertNames(about, invalid.resource().kind(), invalid.resource().name(), invalid.field());
            problems.forEach(p -> assertNamesOneOf(p, resources));
        }
    }

    @Test
    void mangledResourcesAreReportedNotThrown() {
        for (ConfigResource valid : validResources()) {
            for (String key : valid.spec().keys()) {
                Object value = valid.spec().raw(key).orElseThrow();
                Map<String, Object> spec = new java.util.LinkedHashMap<>(valid.spec().asMap());
                spec.put(key, ofAnotherType(value));
                ConfigResource mangled = Resources.of(valid.kind(), valid.name(), valid.labels(), spec);
                List<ConfigResource> resources = new ArrayList<>(validResources());
                resources.replaceAll(r -> r == valid ? mangled : r);
                List<ConfigProblem> problems = assertDoesNotThrow(
                        () -> factory().validate(resources, context.validationContext()),
                        "validate with " + valid.kind() + " \"" + valid.name() + "\" spec." + key + " of another type");
                problems.forEach(p -> assertNamesOneOf(p, resources));
            }
        }
    }

    // ---- helpers for subclasses and the tests above

    /** Applies {@code state} and waits until the outside world sees what it should. */
    protected final void applySettled(Announcer announcer, AnnouncerState state) {
        assertDoesNotThrow(() -> announcer.apply(state), "apply");
        awaitAnnounced("after apply", expectedAnnounced(state));
    }

    /** Waits until {@link #announcedNow()} is {@code expected}. */
    protected final void awaitAnnounced(String when, Set<IpAddress> expected) {
        Await.until("announced addresses " + when, settleDeadline(), () -> new TreeSet<>(announcedNow()),
                new TreeSet<>(expected));
    }

    private void awaitReleased(HostResources before, String what) {
        Await.until("threads " + what + " started and left running after close()", settleDeadline(),
                () -> HostResources.now().threadsAddedSince(before, context.schedulerThreads()).stream()
                        .map(Thread::getName).sorted().toList(), List.of());
        if (HostResources.descriptorsVisible()) {
            Await.until("descriptors " + what + " opened and left open after close()", settleDeadline(),
                    () -> HostResources.now().descriptorsAddedSince(before), Map.of());
        }
        Await.until("tasks " + what + " left on the host's scheduler after close()", settleDeadline(),
                context::pendingTasks, 0);
    }

    private void assertReadable(AnnouncementStatus status) {
        if (status.state() == AnnouncementStatus.State.FAILED) {
            assertFalse(status.message().isBlank(), () -> "FAILED status of " + status.address() + " says not why");
        }
        ProblemChecks.assertNoInternals(status.message(), "the status message of " + status.address());
    }

    private static void assertNamesOneOf(ConfigProblem problem, List<ConfigResource> resources) {
        assertTrue(resources.stream().anyMatch(r -> r.kind().equals(problem.kind()) && r.name().equals(problem.name())),
                () -> "problem " + problem.message() + " names no resource that was validated");
        assertTrue(problem.field().startsWith("spec") || problem.field().startsWith("metadata"),
                () -> "problem " + problem.message() + " names no field of the resource");
        ProblemChecks.assertReadable(problem, List.of());
    }

    private static Object ofAnotherType(Object value) {
        if (value instanceof Map) {
            return List.of("not", "an", "object");
        }
        if (value instanceof List) {
            return Map.of("not", "a list");
        }
        if (value instanceof Number || value instanceof Boolean) {
            return Map.of("not", "a value");
        }
        return List.of(Map.of("not", "text"));
    }
}
