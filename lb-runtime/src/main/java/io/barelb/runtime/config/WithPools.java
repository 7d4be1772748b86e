package io.barelb.runtime.config;

import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.PoolFacts;
import io.barelb.api.config.ValidationContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A plugin's {@link ValidationContext} that also answers {@link #pools()} with the pools of the configuration being
 * validated, so that every announcer plugin (built-in or a third party's) can judge its advertisements against the
 * pools they select. Immutable.
 */
record WithPools(ValidationContext context, List<PoolFacts> pools) implements ValidationContext {

    WithPools {
        pools = List.copyOf(pools);
    }

    /** The facts of {@code pools} (in order, the first of a duplicated name) with their readable entries. */
    static List<PoolFacts> facts(List<ConfigResource> pools, Map<String, List<PoolRules.Entry>> entries) {
        List<PoolFacts> facts = new ArrayList<>();
        for (ConfigResource pool : pools) {
            if (facts.stream().anyMatch(f -> f.name().equals(pool.name()))) {
                continue;
            }
            facts.add(new PoolFacts(pool.name(), pool.labels(), entries.getOrDefault(pool.name(), List.of()).stream()
                    .map(e -> new PoolFacts.Entry(e.text(), e.family(), e.prefixes())).toList()));
        }
        return facts;
    }

    @Override
    public String pluginName() {
        return context.pluginName();
    }

    @Override
    public Optional<String> setting(String name) {
        return context.setting(name);
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return context.secret(name, key);
    }
}
