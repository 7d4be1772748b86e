package io.barelb.tck;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.ipam.block.BlockAllocator;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The IPAM contract passes a correct factory and fails each kind of broken one. */
class IpamContractBiteTest {

    /** The contract over a factory. */
    static class Contract extends IpamContract {
        private final IpamFactory factory;

        Contract(IpamFactory factory) {
            this.factory = factory;
        }

        @Override
        protected IpamFactory factory() {
            return factory;
        }

        @Override
        protected List<String> entries() {
            return List.of("192.0.2.250..192.0.3.4", "2001:db8::1..2001:db8::40", "10.0.0.0..10.255.255.255");
        }

        @Override
        protected List<String> invalidEntries() {
            return List.of("192.0.2.9..192.0.2.1", "nonsense");
        }
    }

    @Test
    void aCorrectFactoryPassesEveryTest() {
        Contract contract = new Contract(new BlockIpam());
        contract.nameIsAUsablePrefixAndNotationIsShown();
        contract.acceptsItsOwnEntries();
        contract.noAddressIsHandedOutTwice();
        contract.releaseMakesAnAddressReusable();
        contract.restoringTheSameAssignmentsInAnyOrderReproducesThem();
        contract.allocationIsDeterministic();
        contract.sizeMembershipAndSpansAgreeWithWhatIsHandedOut();
        contract.reserveRefusesAnAddressOutsideTheEntry();
        contract.badEntriesAreRefusedNamingTheEntry();
    }

    @Test
    void anAllocatorThatForgetsWhatItHandedOutFails() {
        Contract contract = new Contract(new BlockIpam() {
            @Override
            AddressAllocator allocator(IpAddress first, IpAddress last, boolean avoid) {
                return new Forgetful(new BlockAllocator(first, last, avoid));
            }
        });
        assertThatThrownBy(contract::noAddressIsHandedOutTwice).isInstanceOf(AssertionError.class)
                .hasMessageContaining("seed 20261203");
    }

    @Test
    void anAllocatorThatMiscountsItsSizeFails() {
        Contract contract = new Contract(new BlockIpam() {
            @Override
            AddressAllocator allocator(IpAddress first, IpAddress last, boolean avoid) {
                return new Delegating(new BlockAllocator(first, last, avoid)) {
                    @Override
                    public java.math.BigInteger size() {
                        return inner.size().add(java.math.BigInteger.ONE);
                    }
                };
            }
        });
        assertThatThrownBy(contract::sizeMembershipAndSpansAgreeWithWhatIsHandedOut).isInstanceOf(AssertionError.class)
                .hasMessageContaining("size()");
    }

    @Test
    void aFactoryThatThrowsAnythingButAConfigExceptionForABadEntryFails() {
        Contract contract = new Contract(new BlockIpam() {
            @Override
            public AddressAllocator create(PoolEntry entry) {
                if (entry.text().equals("nonsense")) {
                    throw new IllegalArgumentException("no");
                }
                return super.create(entry);
            }
        });
        assertThatThrownBy(contract::badEntriesAreRefusedNamingTheEntry).isInstanceOf(AssertionError.class)
                .hasMessageContaining("instead of a ConfigException");
    }

    /** Delegates every call; a test overrides the one it breaks. */
    private static class Delegating implements AddressAllocator {
        final BlockAllocator inner;

        Delegating(BlockAllocator inner) {
            this.inner = inner;
        }

        @Override
        public io.barelb.api.net.IpFamily family() {
            return inner.family();
        }

        @Override
        public IpAddress first() {
            return inner.first();
        }

        @Override
        public IpAddress last() {
            return inner.last();
        }

        @Override
        public boolean contains(IpAddress address) {
            return inner.contains(address);
        }

        @Override
        public java.math.BigInteger size() {
            return inner.size();
        }

        @Override
        public long assignedCount() {
            return inner.assignedCount();
        }

        @Override
        public boolean isAssigned(IpAddress address) {
            return inner.isAssigned(address);
        }

        @Override
        public Optional<IpAddress> allocate() {
            return inner.allocate();
        }

        @Override
        public boolean reserve(IpAddress address) {
            return inner.reserve(address);
        }

        @Override
        public boolean release(IpAddress address) {
            return inner.release(address);
        }
    }

    /** Hands out the lowest free address without marking it taken. */
    private static final class Forgetful extends Delegating {
        Forgetful(BlockAllocator inner) {
            super(inner);
        }

        @Override
        public Optional<IpAddress> allocate() {
            Optional<IpAddress> next = inner.allocate();
            next.ifPresent(inner::release);
            return next;
        }
    }
}
