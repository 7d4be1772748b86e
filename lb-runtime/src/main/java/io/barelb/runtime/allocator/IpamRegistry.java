package io.barelb.runtime.allocator;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.ipam.AddressAllocator;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.ipam.PoolEntry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The IPAM factories of every loaded plugin, and which one answers a pool entry: the factory its {@code NAME:}
 * prefix names, else the one factory whose {@link IpamFactory#accepts(String)} says yes. Immutable and
 * thread-safe (factories are).
 */
public final class IpamRegistry {

    private static final Pattern NAME = Pattern.compile("[a-z][a-z0-9-]*");
    private static final Pattern HEX_GROUP = Pattern.compile("[0-9a-fA-F]{1,4}");

    private final List<IpamFactory> factories;
    private final Map<String, IpamFactory> byName = new LinkedHashMap<>();

    /**
     * @param factories every IPAM factory the plugins offer
     * @throws IllegalArgumentException if two factories share a name, or a name cannot serve as a prefix
     */
    public IpamRegistry(List<IpamFactory> factories) {
        this.factories = List.copyOf(factories);
        for (IpamFactory factory : this.factories) {
            String name = factory.name();
            if (!NAME.matcher(name).matches() || HEX_GROUP.matcher(name).matches()) {
                throw new IllegalArgumentException("the IPAM factory " + factory.getClass().getName() + " is named \""
                        + name + "\", which cannot prefix a pool entry: use lower-case letters, digits and dashes,"
                        + " starting with a letter, and not 1 to 4 hex digits (those read as an IPv6 group)");
            }
            IpamFactory previous = byName.putIfAbsent(name, factory);
            if (previous != null) {
                throw new IllegalArgumentException("two IPAM factories are named \"" + name + "\": "
                        + previous.getClass().getName() + " and " + factory.getClass().getName());
            }
        }
    }

    /** The factories, in the order given. */
    public List<IpamFactory> factories() {
        return factories;
    }

    /**
     * The allocator of {@code entry}, built by the factory that answers it. A {@code NAME:} prefix is removed
     * before the factory sees the entry; problems the factory reports show the entry as written.
     *
     * @throws ConfigException naming the entry: no factory or several answer it, or the factory refuses it
     */
    public AddressAllocator create(PoolEntry entry) {
        Route route = route(entry);
        try {
            return route.factory().create(route.entry());
        } catch (ConfigException e) {
            if (route.entry() == entry) {
                throw e;
            }
            throw new ConfigException(e.problems().stream().map(p -> p.field().equals(entry.fieldPath())
                    && p.value().equals(route.entry().text())
                    ? new ConfigProblem(p.kind(), p.name(), p.field(), entry.text(), p.reason()) : p).toList());
        }
    }

    /** The factory that answers {@code entry} and the entry as that factory gets it. */
    record Route(IpamFactory factory, PoolEntry entry) {
    }

    /**
     * The factory that answers {@code entry}.
     *
     * @throws ConfigException naming the entry when none or several answer it
     */
    Route route(PoolEntry entry) {
        String text = entry.text().trim();
        int colon = text.indexOf(':');
        if (colon > 0) {
            String prefix = text.substring(0, colon);
            IpamFactory named = byName.get(prefix);
            if (named != null) {
                return new Route(named, new PoolEntry(entry.pool(), entry.index(), text.substring(colon + 1).trim(),
                        entry.avoidBuggyIps()));
            }
            if (NAME.matcher(prefix).matches() && !HEX_GROUP.matcher(prefix).matches()) {
                throw problem(entry, "no IPAM plugin named \"" + prefix + "\" is installed (installed: " + names(factories)
                        + "); install the plugin that provides it, or fix the prefix");
            }
        }
        List<IpamFactory> accepting = new ArrayList<>();
        for (IpamFactory factory : factories) {
            if (factory.accepts(entry.text())) {
                accepting.add(factory);
            }
        }
        if (accepting.size() == 1) {
            return new Route(accepting.get(0), entry);
        }
        if (accepting.isEmpty()) {
            throw problem(entry, "no IPAM plugin accepts this entry; the installed notations are " + notations()
                    + "; write the entry in one of them, or as NAME:ENTRY to hand it to the IPAM plugin NAME");
        }
        throw problem(entry, "the IPAM plugins " + names(accepting) + " all accept this entry; write it with the"
                + " name of the one that should read it as a prefix, e.g. " + accepting.get(0).name() + ":" + text);
    }

    /** Every factory's notation and name, e.g. {@code FIRST-LAST (range), ADDRESS/LENGTH (cidr)}. */
    String notations() {
        List<String> notations = new ArrayList<>();
        for (IpamFactory factory : factories) {
            notations.add(factory.notation() + " (" + factory.name() + ")");
        }
        return notations.isEmpty() ? "none (no IPAM plugin is installed)" : String.join(", ", notations);
    }

    private static ConfigException problem(PoolEntry entry, String reason) {
        return new ConfigException(
                new ConfigProblem("IPAddressPool", entry.pool(), entry.fieldPath(), entry.text(), reason));
    }

    private static String names(List<IpamFactory> list) {
        List<String> names = new ArrayList<>();
        for (IpamFactory factory : list) {
            names.add("\"" + factory.name() + "\"");
        }
        return names.isEmpty() ? "none" : String.join(", ", names);
    }
}
