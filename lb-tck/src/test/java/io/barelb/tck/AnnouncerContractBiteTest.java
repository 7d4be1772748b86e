package io.barelb.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ValidationContext;
import io.barelb.api.net.IpAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The announcer contract passes a correct announcer and fails each kind of broken one. */
class AnnouncerContractBiteTest {

    private static final ConfigResource AD = Resources.of("MemoryAdvertisement", "lab", Map.of("mode", "on"));

    /** The contract over announcers {@code make} builds from a node name. */
    static class Contract extends AnnouncerContract {
        private final AnnouncerFactory factory;
        private final Function<String, MemoryAnnouncer> make;
        private final List<MemoryAnnouncer> made = new ArrayList<>();

        Contract(AnnouncerFactory factory, Function<String, MemoryAnnouncer> make) {
            this.factory = factory;
            this.make = make;
        }

        @Override
        protected AnnouncerFactory factory() {
            return factory;
        }

        @Override
        protected Announcer create(TestPluginContext context) {
            MemoryAnnouncer announcer = make.apply(context.nodeName().orElseThrow());
            made.add(announcer);
            return announcer;
        }

        @Override
        protected Duration settleDeadline() {
            return Duration.ofSeconds(2);
        }

        @Override
        protected AnnouncerState desiredState() {
            return AnnouncerStates.builder().resource(AD)
                    .advertise("default/web", "192.0.2.10", "lab", Set.of("node-1"), List.of(AD))
                    .advertise("default/api", "192.0.2.11", "lab", Set.of("node-1", "node-2"), List.of(AD))
                    .advertise("shop/cart", "192.0.2.11", "lab", Set.of("node-1", "node-2"), List.of(AD)).build();
        }

        @Override
        protected Set<IpAddress> announcedNow() {
            Set<IpAddress> all = new java.util.TreeSet<>();
            made.forEach(announcer -> all.addAll(announcer.network));
            return all;
        }

        @Override
        protected AnnouncerState breakAnnouncing() {
            made.forEach(announcer -> announcer.broken = true);
            return desiredState();
        }

        @Override
        protected AnnouncerState repairAnnouncing() {
            made.forEach(announcer -> announcer.broken = false);
            return desiredState();
        }

        @Override
        protected List<ConfigResource> validResources() {
            return List.of(AD);
        }

        @Override
        protected List<InvalidResource> invalidResources() {
            return List.of(new InvalidResource(Resources.of("MemoryAdvertisement", "odd", Map.of("mode", "maybe")),
                    "spec.mode"));
        }

        /** Runs one contract test as JUnit would: context before, announcers and context closed after. */
        void run(ContractTest test) throws Exception {
            openContract();
            try {
                test.run(this);
            } finally {
                closeContract();
            }
        }
    }

    /** One test method of the contract. */
    interface ContractTest {
        void run(Contract contract) throws Exception;
    }

    private static final List<ContractTest> ALL = List.of(Contract::applyingAnEqualStateAgainChangesNothing,
            Contract::anEmptyStateWithdrawsEverything, Contract::statusIsReportedOncePerAdvertisement,
            Contract::unusualAdvertisementsAreReportedNotThrown, Contract::failuresAreReportedAsStatusAndNeverThrown,
            Contract::closeWithdrawsAndReleasesThreadsAndDescriptors, c -> c.kindsAreWellFormed(),
            c -> c.validResourcesHaveNoProblem(), c -> c.eachInvalidResourceIsReportedNamingResourceFieldAndFix(),
            c -> c.mangledResourcesAreReportedNotThrown());

    @Test
    void aCorrectAnnouncerPassesEveryTest() throws Exception {
        for (ContractTest test : ALL) {
            new Contract(new MemoryAnnouncer.Factory(), MemoryAnnouncer::new).run(test);
        }
    }

    @Test
    void throwingAFailureIntoTheHostFails() {
        Contract contract = new Contract(new MemoryAnnouncer.Factory(), node -> new MemoryAnnouncer(node) {
            @Override
            public synchronized void apply(AnnouncerState desired) {
                if (broken) {
                    throw new IllegalStateException("the network is down");
                }
                super.apply(desired);
            }
        });
        assertThatThrownBy(() -> contract.run(Contract::failuresAreReportedAsStatusAndNeverThrown))
                .isInstanceOf(AssertionError.class).hasMessageContaining("apply while announcing fails");
    }

    @Test
    void anEmptyStateThatWithdrawsNothingFails() {
        Contract contract = new Contract(new MemoryAnnouncer.Factory(), node -> new MemoryAnnouncer(node) {
            @Override
            public synchronized void apply(AnnouncerState desired) {
                if (!desired.advertisements().isEmpty()) {
                    super.apply(desired);
                }
            }
        });
        assertThatThrownBy(() -> contract.run(Contract::anEmptyStateWithdrawsEverything))
                .isInstanceOf(AssertionError.class).hasMessageContaining("after applying the empty state");
    }

    @Test
    void statusPerAddressInsteadOfPerAdvertisementFails() {
        Contract contract = new Contract(new MemoryAnnouncer.Factory(), node -> new MemoryAnnouncer(node) {
            @Override
            public List<AnnouncementStatus> status() {
                Map<IpAddress, AnnouncementStatus> byAddress = new java.util.TreeMap<>();
                super.status().forEach(s -> byAddress.putIfAbsent(s.address(), s));
                return List.copyOf(byAddress.values());
            }
        });
        assertThatThrownBy(() -> contract.run(Contract::statusIsReportedOncePerAdvertisement))
                .isInstanceOf(AssertionError.class).hasMessageContaining("one status per advertisement");
    }

    @Test
    void aThreadLeftRunningAfterCloseFails() {
        List<Thread> leaked = new ArrayList<>();
        Contract contract = new Contract(new MemoryAnnouncer.Factory(), node -> {
            Thread worker = new Thread(() -> {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "leaky-worker");
            worker.setDaemon(true);
            worker.start();
            leaked.add(worker);
            return new MemoryAnnouncer(node);
        });
        try {
            assertThatThrownBy(() -> contract.run(Contract::closeWithdrawsAndReleasesThreadsAndDescriptors))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("leaky-worker");
        } finally {
            leaked.forEach(Thread::interrupt);
        }
    }

    @Test
    void validationThatThrowsOnAValueOfTheWrongTypeFails() {
        AnnouncerFactory throwing = new MemoryAnnouncer.Factory() {
            @Override
            public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
                resources.forEach(r -> r.spec().string("mode"));
                return super.validate(resources, context);
            }
        };
        Contract contract = new Contract(throwing, MemoryAnnouncer::new);
        assertThatThrownBy(() -> contract.run(c -> c.mangledResourcesAreReportedNotThrown()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("of another type");
    }

    @Test
    void aProblemThatOnlyNamesTheValueFails() {
        AnnouncerFactory terse = new MemoryAnnouncer.Factory() {
            @Override
            public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
                return super.validate(resources, context).stream()
                        .map(p -> new ConfigProblem(p.kind(), p.name(), p.field(), p.value(), "invalid")).toList();
            }
        };
        Contract contract = new Contract(terse, MemoryAnnouncer::new);
        assertThatThrownBy(() -> contract.run(c -> c.eachInvalidResourceIsReportedNamingResourceFieldAndFix()))
                .isInstanceOf(AssertionError.class).hasMessageContaining("how to fix it");
    }
}
