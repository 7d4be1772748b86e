package io.barelb.runtime.plugin;

import io.barelb.api.config.ValidationContext;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpFamily;
import io.barelb.api.net.IpRange;
import io.barelb.runtime.host.HostValidationContext;
import java.math.BigInteger;
import java.util.List;
import java.util.Optional;

/** An {@link IpamFactory} of a plugin, called through {@link PluginCalls}; so are the allocators it builds. */
final class GuardedIpamFactory implements IpamFactory {

    private final IpamFactory delegate;
    private final PluginCalls calls;
    private final String name;
    private final String notation;

    GuardedIpamFactory(IpamFactory delegate, PluginCalls calls) {
        this.delegate = delegate;
        this.calls = calls;
        this.name = calls.call("IpamFactory.name()", delegate::name);
        this.notation = calls.call("IpamFactory.notation()", delegate::notation);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String notation() {
        return notation;
    }

    @Override
    public boolean accepts(String entry) {
        return calls.call("IpamFactory.accepts(\"" + entry + "\")", () -> delegate.accepts(entry));
    }

    /** Creates through {@link IpamFactory#create(PoolEntry, ValidationContext)} with the host's settings. */
    @Override
    public AddressAllocator create(PoolEntry entry) {
        return create(entry, HostValidationContext.fromSystem(calls.pluginName()));
    }

    @Override
    public AddressAllocator create(PoolEntry entry, ValidationContext context) {
        AddressAllocator allocator = calls.call("IpamFactory.create(" + entry.text() + ")",
                () -> delegate.create(entry, context));
        return new GuardedAllocator(allocator, calls);
    }

    @Override
    public String toString() {
        return "ipam " + name + " (plugin " + calls.pluginName() + ")";
    }

    private record GuardedAllocator(AddressAllocator delegate, PluginCalls calls) implements AddressAllocator {

        @Override
        public IpFamily family() {
            return calls.call("AddressAllocator.family()", delegate::family);
        }

        @Override
        public IpAddress first() {
            return calls.call("AddressAllocator.first()", delegate::first);
        }

        @Override
        public IpAddress last() {
            return calls.call("AddressAllocator.last()", delegate::last);
        }

        @Override
        public List<IpRange> spans() {
            return List.copyOf(calls.call("AddressAllocator.spans()", delegate::spans));
        }

        @Override
        public boolean contains(IpAddress address) {
            return calls.call("AddressAllocator.contains()", () -> delegate.contains(address));
        }

        @Override
        public BigInteger size() {
            return calls.call("AddressAllocator.size()", delegate::size);
        }

        @Override
        public long assignedCount() {
            return calls.call("AddressAllocator.assignedCount()", delegate::assignedCount);
        }

        @Override
        public boolean isAssigned(IpAddress address) {
            return calls.call("AddressAllocator.isAssigned()", () -> delegate.isAssigned(address));
        }

        @Override
        public Optional<IpAddress> allocate() {
            return calls.call("AddressAllocator.allocate()", delegate::allocate);
        }

        @Override
        public boolean reserve(IpAddress address) {
            return calls.call("AddressAllocator.reserve()", () -> delegate.reserve(address));
        }

        @Override
        public boolean release(IpAddress address) {
            return calls.call("AddressAllocator.release()", () -> delegate.release(address));
        }

        @Override
        public void close() {
            calls.run("AddressAllocator.close()", delegate::close);
        }
    }
}
