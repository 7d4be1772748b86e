package io.barelb.runtime.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.config.ResourceKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Mistakes a valid configuration can still hold, the ones people make when they move from MetalLB or write their
 * first files: nothing to assign from, or a pool whose addresses are assigned but never announced. Warnings, not
 * problems: the configuration is valid and would take effect. Pure.
 */
public final class MigrationChecks {

    private MigrationChecks() {
    }

    /** One sentence per mistake, each naming the resource and the fix; empty when there is none. */
    public static List<String> warnings(ClusterConfig config, KindRegistry kinds) {
        List<String> warnings = new ArrayList<>();
        if (config.pools().isEmpty()) {
            warnings.add("no IPAddressPool (and no legacy ConfigMap with address-pools): the controller would assign"
                    + " no address; add an IPAddressPool");
            return warnings;
        }
        List<ConfigResource> pools = config.pools().stream().map(pool -> new ConfigResource(ConfigKinds.IP_ADDRESS_POOL,
                pool.name(), pool.labels(), ConfigView.empty(ConfigKinds.IP_ADDRESS_POOL, pool.name(), "spec"))).toList();
        PoolIndex index = new PoolIndex(pools, Map.of());
        Set<String> advertised = new HashSet<>();
        List<String> advertisementKinds = kinds.configKinds().stream().filter(ResourceKind::advertisement)
                .map(ResourceKind::kind).toList();
        for (ConfigResource resource : config.resources()) {
            if (advertisementKinds.contains(resource.kind())) {
                advertised.addAll(index.selected(resource.spec(), new Problems()));
            }
        }
        for (ConfigResource pool : pools) {
            if (!advertised.contains(pool.name())) {
                warnings.add("IPAddressPool \"" + pool.name() + "\": no advertisement selects it, so its addresses are"
                        + " assigned but never announced; add one that selects it (" + String.join(" or ",
                        advertisementKinds.isEmpty() ? List.of("L2Advertisement", "BGPAdvertisement") : advertisementKinds)
                        + ")");
            }
        }
        return warnings;
    }
}
