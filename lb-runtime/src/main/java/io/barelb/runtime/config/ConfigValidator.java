package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.PoolFacts;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.model.AddressPool;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The one place configuration is judged. Collects every problem at once: what was found while reading, the
 * generic pool rules, each pool entry through the IPAM plugin answering to its notation, and every other kind by
 * its owner in the {@link KindRegistry} (the announcer plugin that claims it, through
 * {@link AnnouncerFactory#validate(List, ValidationContext)}, whose context answers {@code pools()} with this
 * configuration's pools), plus the protocol-neutral check that every advertisement's pool references exist
 * ({@link AdvertisementChecks}). A resource of a kind nobody
 * claims is left out with a notice and blocks nothing. Problems in resources converted from the legacy ConfigMap
 * are reported in the ConfigMap's terms. Pure and thread-safe.
 */
public final class ConfigValidator {

    private static final Set<String> SUMMARISED = Set.of(ConfigKinds.L2_ADVERTISEMENT, ConfigKinds.BGP_ADVERTISEMENT,
            ConfigKinds.BGP_PEER, ConfigKinds.BFD_PROFILE, ConfigKinds.COMMUNITY);

    private final List<IpamFactory> ipamFactories;
    private final KindRegistry kinds;
    private final Function<String, ValidationContext> contexts;

    /**
     * @param ipamFactories the installed IPAM factories; empty means entries are checked by syntax only
     * @param kinds         who owns which kind
     * @param contexts      the validation context of each plugin, by the plugin's name
     */
    public ConfigValidator(List<IpamFactory> ipamFactories, KindRegistry kinds,
                           Function<String, ValidationContext> contexts) {
        this.ipamFactories = List.copyOf(ipamFactories);
        this.kinds = kinds;
        this.contexts = contexts;
    }

    /** A validator whose plugins validate with no settings and no Secrets. */
    public ConfigValidator(List<IpamFactory> ipamFactories, KindRegistry kinds) {
        this(ipamFactories, kinds, ValidationContext::empty);
    }

    /** A validator of factories given directly (tests, tools), each announcer factory its own plugin. */
    public ConfigValidator(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this(ipamFactories, KindRegistry.of(announcerFactories.stream()
                .map(f -> KindOwner.of(f.name(), "announcer " + f.name(), f)).toList()));
    }

    /** A validator with no plugins: pool entries by syntax, every other kind unclaimed. */
    public static ConfigValidator builtIn() {
        return new ConfigValidator(List.of(), KindRegistry.builtIn());
    }

    /** Who owns which kind. */
    public KindRegistry kinds() {
        return kinds;
    }

    /** A reader of the kinds this validator judges. */
    public ConfigReader reader() {
        return new ConfigReader(kinds);
    }

    /** Validates everything in {@code input}. */
    public Validation validate(ConfigInput input) {
        Problems problems = new Problems();
        problems.addAll(input.problems());
        List<ConfigProblem> notices = new ArrayList<>(input.notices());
        List<ConfigResource> poolResources = input.resources(ConfigKinds.IP_ADDRESS_POOL);
        Map<String, List<PoolRules.Entry>> entries = new HashMap<>();
        Map<String, AddressPool> pools = new PoolRules(ipamFactories).check(poolResources, problems, entries);
        PoolIndex index = new PoolIndex(poolResources, entries);
        List<PoolFacts> poolFacts = WithPools.facts(poolResources, entries);

        List<ConfigResource> claimed = new ArrayList<>();
        for (ConfigResource resource : input.resources()) {
            if (resource.kind().equals(ConfigKinds.IP_ADDRESS_POOL)) {
                continue;
            }
            if (kinds.owner(resource.kind()).isEmpty()) {
                notices.add(kinds.unclaimed("", resource.kind(), resource.name()));
            } else {
                claimed.add(resource);
            }
        }
        for (KindOwner owner : kinds.owners()) {
            Set<String> names = owner.kinds().stream().map(ResourceKind::kind).collect(Collectors.toSet());
            List<ConfigResource> owned = claimed.stream().filter(r -> names.contains(r.kind())).toList();
            owned.forEach(r -> duplicateName(r, input, problems));
            try {
                problems.addAll(owner.validate(owned, new WithPools(contexts.apply(owner.plugin()), poolFacts)));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem("Plugin", owner.plugin(), "validate", "",
                        "the plugin failed while validating its kinds: " + e.getMessage()));
            }
            for (ResourceKind kind : owner.kinds()) {
                if (kind.advertisement()) {
                    Problems missing = new Problems();
                    AdvertisementChecks.check(kind, owned, index, problems, missing);
                    notices.addAll(missing.list());
                }
            }
        }
        List<ConfigProblem> located = new ArrayList<>(new LinkedHashSet<>(problems.list().stream()
                .map(p -> locate(p, input)).toList()));
        List<ConfigProblem> noticed = new ArrayList<>(new LinkedHashSet<>(notices.stream()
                .map(p -> locate(p, input)).toList()));
        if (!located.isEmpty()) {
            return new Validation(located, Optional.empty(), List.of(), noticed);
        }
        ClusterConfig config = new ClusterConfig(List.copyOf(pools.values()), claimed);
        return new Validation(List.of(), Optional.of(config), summary(config, entries), noticed);
    }

    private static void duplicateName(ConfigResource resource, ConfigInput input, Problems problems) {
        List<ConfigResource> same = input.resources(resource.kind()).stream()
                .filter(r -> r.name().equals(resource.name())).toList();
        if (same.size() > 1 && same.get(1) == resource) {
            problems.add(new ConfigProblem(resource.kind(), resource.name(), "metadata.name", resource.name(),
                    "duplicate " + resource.kind() + " name"));
        }
    }

    private static ConfigProblem locate(ConfigProblem problem, ConfigInput input) {
        LegacyOrigin origin = input.origins().get(new ResourceId(problem.kind(), problem.name()));
        return origin == null ? problem : origin.translate(problem);
    }

    private static List<String> summary(ClusterConfig config, Map<String, List<PoolRules.Entry>> entries) {
        List<String> lines = new ArrayList<>();
        BigInteger v4 = BigInteger.ZERO;
        BigInteger v6 = BigInteger.ZERO;
        List<String> poolLines = new ArrayList<>();
        for (AddressPool pool : config.pools()) {
            BigInteger p4 = BigInteger.ZERO;
            BigInteger p6 = BigInteger.ZERO;
            for (PoolRules.Entry entry : entries.getOrDefault(pool.name(), List.of())) {
                BigInteger size = entry.size();
                if (entry.family() == IpFamily.IPV4) {
                    p4 = p4.add(size);
                } else {
                    p6 = p6.add(size);
                }
            }
            v4 = v4.add(p4);
            v6 = v6.add(p6);
            poolLines.add("  " + pool.name() + ": " + p4 + " IPv4, " + p6 + " IPv6"
                    + (pool.autoAssign() ? "" : ", auto-assign off")
                    + (pool.avoidBuggyIps() ? ", avoiding .0 and .255" : ""));
        }
        lines.add("pools: " + config.pools().size() + " (" + v4 + " IPv4 and " + v6 + " IPv6 addresses)");
        lines.addAll(poolLines);
        lines.add("advertisements: " + config.resources(ConfigKinds.L2_ADVERTISEMENT).size() + " L2Advertisement, "
                + config.resources(ConfigKinds.BGP_ADVERTISEMENT).size() + " BGPAdvertisement");
        lines.add("peers: " + config.resources(ConfigKinds.BGP_PEER).size() + " BGPPeer, "
                + config.resources(ConfigKinds.BFD_PROFILE).size() + " BFDProfile, "
                + config.resources(ConfigKinds.COMMUNITY).size() + " Community");
        Map<String, Long> others = new java.util.TreeMap<>();
        config.resources().stream().filter(r -> !SUMMARISED.contains(r.kind()))
                .forEach(r -> others.merge(r.kind(), 1L, Long::sum));
        if (!others.isEmpty()) {
            lines.add("other kinds: " + others.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
                    .collect(Collectors.joining(", ")));
        }
        return lines;
    }
}
