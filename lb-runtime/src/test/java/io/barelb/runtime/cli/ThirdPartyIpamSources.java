package io.barelb.runtime.cli;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.testkit.TestJars;
import java.nio.file.Path;

/**
 * Java sources of third-party IPAM plugins, compiled at test time against lb-api alone, the way an outside author
 * builds one: a plugin whose entries are scattered addresses, and two that fail while being built.
 */
public final class ThirdPartyIpamSources {

    static final String SERVICE_FILE = "META-INF/services/io.barelb.api.plugin.LbPlugin";
    public static final String LIST_PLUGIN = "com.example.scattered.ListIpamPlugin";
    static final String BROKEN_FACTORY_PLUGIN = "com.example.broken.BrokenFactoryPlugin";
    static final String BROKEN_ENTRY_PLUGIN = "com.example.broken.BrokenEntryPlugin";

    /**
     * The {@code list} factory: {@code ITEM/ITEM/...}, each item an address or {@code FIRST-LAST}, e.g.
     * {@code 192.0.2.10-192.0.2.11/192.0.2.99} (three addresses). It holds both a dash and a slash, so a range
     * plugin claiming "anything with a dash" or a CIDR plugin claiming "anything with a slash" would collide with it.
     * Unprefixed, it accepts two items or more; after {@code list:} one item is enough. It counts the allocators it
     * builds in {@code ListIpamPlugin.CREATED} and their {@code close()} calls in {@code ListIpamPlugin.CLOSED}.
     */
    private static final String LIST = """
            package com.example.scattered;

            import io.barelb.api.config.ConfigException;
            import io.barelb.api.config.ConfigProblem;
            import io.barelb.api.ipam.AddressAllocator;
            import io.barelb.api.ipam.IpamFactory;
            import io.barelb.api.ipam.PoolEntry;
            import io.barelb.api.net.IpAddress;
            import io.barelb.api.net.IpFamily;
            import io.barelb.api.net.IpRange;
            import io.barelb.api.plugin.LbPlugin;
            import java.math.BigInteger;
            import java.util.ArrayList;
            import java.util.Comparator;
            import java.util.List;
            import java.util.Optional;
            import java.util.TreeSet;
            import java.util.concurrent.atomic.AtomicInteger;

            public final class ListIpamPlugin implements LbPlugin {

              public static final AtomicInteger CREATED = new AtomicInteger();
              public static final AtomicInteger CLOSED = new AtomicInteger();

              @Override public List<IpamFactory> ipamFactories() { return List.of(new ListFactory()); }

              static final class ListFactory implements IpamFactory {
                @Override public String name() { return "list"; }
                @Override public String notation() { return "ITEM/ITEM/... (ITEM: ADDRESS or FIRST-LAST)"; }

                @Override public boolean accepts(String entry) {
                  String[] items = entry.trim().split("/", -1);
                  if (items.length < 2) { return false; }
                  for (String item : items) {
                    if (item(item) == null) { return false; }
                  }
                  return true;
                }

                @Override public AddressAllocator create(PoolEntry entry) {
                  List<IpRange> items = new ArrayList<>();
                  for (String text : entry.text().trim().split("/", -1)) {
                    IpRange item = item(text);
                    if (item == null) {
                      throw problem(entry, "list item \\"" + text.trim() + "\\" is neither an address nor FIRST-LAST"
                          + " with the lower address first");
                    }
                    if (!items.isEmpty() && items.get(0).family() != item.family()) {
                      throw problem(entry, "a list holds addresses of one family");
                    }
                    items.add(item);
                  }
                  CREATED.incrementAndGet();
                  return new ListAllocator(merge(items), entry.avoidBuggyIps());
                }

                private static IpRange item(String text) {
                  String[] ends = text.trim().split("-", -1);
                  IpAddress first = ends.length <= 2 ? IpAddress.tryParse(ends[0].trim()) : null;
                  IpAddress last = ends.length == 2 ? IpAddress.tryParse(ends[1].trim()) : first;
                  if (first == null || last == null || first.family() != last.family() || first.compareTo(last) > 0) {
                    return null;
                  }
                  return new IpRange(first, last);
                }

                private static List<IpRange> merge(List<IpRange> items) {
                  items.sort(Comparator.comparing(IpRange::first));
                  List<IpRange> spans = new ArrayList<>();
                  for (IpRange item : items) {
                    IpRange last = spans.isEmpty() ? null : spans.get(spans.size() - 1);
                    if (last != null && item.first().compareTo(last.last()) <= 0
                        || last != null && item.first().equals(last.last().plus(1))) {
                      IpAddress end = item.last().compareTo(last.last()) > 0 ? item.last() : last.last();
                      spans.set(spans.size() - 1, new IpRange(last.first(), end));
                    } else {
                      spans.add(item);
                    }
                  }
                  return List.copyOf(spans);
                }

                private static ConfigException problem(PoolEntry entry, String reason) {
                  return new ConfigException(new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(),
                      entry.text(), reason));
                }
              }

              static final class ListAllocator implements AddressAllocator {
                private final List<IpRange> spans;
                private final boolean avoidBuggyIps;
                private final TreeSet<IpAddress> taken = new TreeSet<>();

                ListAllocator(List<IpRange> spans, boolean avoidBuggyIps) {
                  this.spans = spans;
                  this.avoidBuggyIps = avoidBuggyIps;
                }

                @Override public IpFamily family() { return spans.get(0).family(); }
                @Override public IpAddress first() { return spans.get(0).first(); }
                @Override public IpAddress last() { return spans.get(spans.size() - 1).last(); }
                @Override public List<IpRange> spans() { return spans; }

                @Override public boolean contains(IpAddress address) {
                  if (avoidBuggyIps && address.isIpv4()) {
                    int lastOctet = address.toBytes()[3] & 0xff;
                    if (lastOctet == 0 || lastOctet == 255) { return false; }
                  }
                  return spans.stream().anyMatch(span -> span.contains(address));
                }

                @Override public BigInteger size() {
                  BigInteger size = BigInteger.ZERO;
                  for (IpRange span : spans) {
                    for (IpAddress a = span.first(); ; a = a.plus(1)) {
                      if (contains(a)) { size = size.add(BigInteger.ONE); }
                      if (a.equals(span.last())) { break; }
                    }
                  }
                  return size;
                }

                @Override public long assignedCount() { return taken.size(); }
                @Override public boolean isAssigned(IpAddress address) { return taken.contains(address); }

                @Override public Optional<IpAddress> allocate() {
                  for (IpRange span : spans) {
                    for (IpAddress a = span.first(); ; a = a.plus(1)) {
                      if (contains(a) && taken.add(a)) { return Optional.of(a); }
                      if (a.equals(span.last())) { break; }
                    }
                  }
                  return Optional.empty();
                }

                @Override public boolean reserve(IpAddress address) {
                  if (!contains(address)) { throw new IllegalArgumentException(address + " is not in this list"); }
                  return taken.add(address);
                }

                @Override public boolean release(IpAddress address) { return taken.remove(address); }

                @Override public void close() { CLOSED.incrementAndGet(); }
              }
            }
            """;

    /** An entry point whose IPAM factory cannot be built: its constructor fails with a chain of three causes. */
    private static final String BROKEN_FACTORY = """
            package com.example.broken;

            import io.barelb.api.ipam.AddressAllocator;
            import io.barelb.api.ipam.IpamFactory;
            import io.barelb.api.ipam.PoolEntry;
            import io.barelb.api.plugin.LbPlugin;
            import java.util.List;

            public final class BrokenFactoryPlugin implements LbPlugin {
              @Override public List<IpamFactory> ipamFactories() { return List.of(new SiteTableFactory()); }

              static final class SiteTableFactory implements IpamFactory {
                SiteTableFactory() {
                  throw new IllegalStateException("cannot read the site table",
                      new java.io.UncheckedIOException("opening the site database",
                          new java.nio.file.NoSuchFileException("/etc/example/sites.db")));
                }
                @Override public String name() { return "sites"; }
                @Override public boolean accepts(String entry) { return false; }
                @Override public AddressAllocator create(PoolEntry entry) { throw new UnsupportedOperationException(); }
              }
            }
            """;

    /** An entry point whose own constructor fails with a chain of two causes. */
    private static final String BROKEN_ENTRY = """
            package com.example.broken;

            import io.barelb.api.plugin.LbPlugin;

            public final class BrokenEntryPlugin implements LbPlugin {
              public BrokenEntryPlugin() {
                throw new IllegalStateException("no licence for this node",
                    new IllegalArgumentException("licence key expired on 2026-01-01"));
              }
            }
            """;

    private ThirdPartyIpamSources() {
    }

    public static Path listPlugin(Path jar) {
        return plugin(LIST_PLUGIN, LIST, jar);
    }

    static Path brokenFactoryPlugin(Path jar) {
        return plugin(BROKEN_FACTORY_PLUGIN, BROKEN_FACTORY, jar);
    }

    static Path brokenEntryPlugin(Path jar) {
        return plugin(BROKEN_ENTRY_PLUGIN, BROKEN_ENTRY, jar);
    }

    /** Compiles one entry point against lb-api's classes only and jars it with its service file. */
    /** {@code ListIpamPlugin.NAME} (CREATED or CLOSED) of the list plugin loaded by {@code loader}. */
    public static java.util.concurrent.atomic.AtomicInteger listCounter(ClassLoader loader, String name) {
        try {
            return (java.util.concurrent.atomic.AtomicInteger) loader.loadClass(LIST_PLUGIN).getField(name).get(null);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Path plugin(String className, String source, Path jar) {
        return new TestJars().source(className, source).classPath(TestJars.locationOf(LbPlugin.class))
                .resource(SERVICE_FILE, className + "\n").writeTo(jar);
    }
}
