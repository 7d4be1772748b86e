package io.barelb.runtime.config;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.api.net.IpFamily;
import io.barelb.runtime.model.AddressPool;
import jakarta.inject.Inject;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The one place configuration is judged. Collects every problem at once: what was found while reading, the
 * generic pool rules, advertisement references, the kinds announcer plugins own (through
 * {@link AnnouncerFactory#validate(List)}; built-in rules for the kinds no plugin claims), and each pool entry
 * through the IPAM plugin answering to its notation. Problems in resources converted from the legacy ConfigMap
 * are reported in the ConfigMap's terms. Pure and thread-safe.
 */
public final class ConfigValidator {

    private final List<IpamFactory> ipamFactories;
    private final List<AnnouncerFactory> announcerFactories;

    /**
     * @param ipamFactories      the installed IPAM factories; empty means entries are checked by syntax only
     * @param announcerFactories the installed announcer factories; kinds they claim are validated by them
     */
    @Inject
    public ConfigValidator(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        this.ipamFactories = List.copyOf(ipamFactories);
        this.announcerFactories = List.copyOf(announcerFactories);
    }

    /** A validator with no plugins: pool entries by syntax, every kind by the built-in rules. */
    public static ConfigValidator builtIn() {
        return new ConfigValidator(List.of(), List.of());
    }

    /** Validates everything in {@code input}. */
    public Validation validate(ConfigInput input) {
        Problems problems = new Problems();
        problems.addAll(input.problems());
        List<ConfigResource> poolResources = input.resources(ConfigKinds.IP_ADDRESS_POOL);
        Map<String, List<PoolRules.Entry>> entries = new HashMap<>();
        Map<String, AddressPool> pools = new PoolRules(ipamFactories).check(poolResources, problems, entries);
        PoolIndex index = new PoolIndex(poolResources, entries);

        Set<String> claimed = new java.util.HashSet<>();
        announcerFactories.forEach(f -> claimed.addAll(f.resourceKinds()));
        for (ConfigResource l2 : input.resources(ConfigKinds.L2_ADVERTISEMENT)) {
            duplicateName(l2, input, problems);
            if (!claimed.contains(ConfigKinds.L2_ADVERTISEMENT)) {
                L2AdvertisementRules.checkFields(l2, problems);
            }
            index.selected(l2.spec(), problems);
        }
        for (String kind : BgpConfigRules.KINDS) {
            input.resources(kind).forEach(r -> {
                if (!kind.equals(ConfigKinds.BFD_PROFILE)) {
                    duplicateName(r, input, problems);
                }
            });
        }
        if (BgpConfigRules.KINDS.stream().noneMatch(claimed::contains)) {
            BgpConfigRules.check(input, index, problems);
        } else {
            input.resources(ConfigKinds.BGP_ADVERTISEMENT).forEach(ad -> index.selected(ad.spec(), problems));
        }
        for (AnnouncerFactory factory : announcerFactories) {
            List<ConfigResource> owned = input.resources().stream()
                    .filter(r -> factory.resourceKinds().contains(r.kind())).toList();
            try {
                problems.addAll(factory.validate(owned));
            } catch (RuntimeException e) {
                problems.add(new ConfigProblem("Plugin", factory.name(), "validate", "",
                        "the announcer plugin failed while validating: " + e));
            }
        }
        List<ConfigProblem> located = new ArrayList<>(new LinkedHashSet<>(problems.list().stream()
                .map(p -> locate(p, input)).toList()));
        if (!located.isEmpty()) {
            return new Validation(located, Optional.empty(), List.of());
        }
        List<ConfigResource> others = input.resources().stream()
                .filter(r -> !r.kind().equals(ConfigKinds.IP_ADDRESS_POOL)).toList();
        ClusterConfig config = new ClusterConfig(List.copyOf(pools.values()), others);
        return new Validation(List.of(), Optional.of(config), summary(config, entries));
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
        return lines;
    }
}
