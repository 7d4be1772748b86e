package io.barelb.announcer.bgp.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Rules for {@code Community} (aliases) and for the community lists of advertisements, as MetalLB's
 * {@code communitiesFromCrs} and {@code getCommunityValue} ({@code internal/config/config.go}) and
 * {@code community.New} ({@code internal/bgp/community/community.go}) judge them.
 */
final class CommunityRules {

    static final String KIND = "Community";

    private CommunityRules() {
    }

    /** Checks every alias; returns the good ones by name. */
    static Map<String, Community> aliases(List<ConfigResource> communities, Problems problems) {
        Map<String, Community> aliases = new LinkedHashMap<>();
        Map<String, String> definedIn = new HashMap<>();
        for (ConfigResource community : communities) {
            ConfigView spec = community.spec();
            problems.unknownKeys(spec, Set.of("communities"));
            for (ConfigView entry : problems.readList(() -> spec.children("communities"))) {
                problems.unknownKeys(entry, Set.of("name", "value"));
                Optional<String> name = problems.read(() -> entry.string("name"));
                Optional<String> value = problems.read(() -> entry.string("value"));
                if (name.isEmpty()) {
                    problems.at(entry, "name", "", "is required: the alias advertisements refer to");
                    continue;
                }
                String first = definedIn.putIfAbsent(name.get(), community.name());
                if (first != null) {
                    problems.at(entry, "name", name.get(), "duplicate community alias, already defined in Community \""
                            + first + "\"");
                }
                if (value.isEmpty()) {
                    problems.at(entry, "value", "", "is required: A:B or large:A:B:C");
                    continue;
                }
                try {
                    Optional<Community> parsed = Community.parse(value.get());
                    if (parsed.isEmpty()) {
                        problems.at(entry, "value", value.get(), "is not a community: write A:B or large:A:B:C");
                    } else if (first == null) {
                        aliases.put(name.get(), parsed.get());
                    }
                } catch (IllegalArgumentException e) {
                    problems.at(entry, "value", value.get(), e.getMessage());
                }
            }
        }
        return aliases;
    }

    /**
     * Resolves one entry of an advertisement's {@code communities} as MetalLB does: an alias first, then a value
     * ({@code A:B}, {@code large:A:B:C}); BareLB also resolves FRR's well-known names ({@code no-export}, ...)
     * where MetalLB would wait for an alias of that name.
     *
     * @throws IllegalArgumentException with the reason when it is none of these
     */
    static Community resolve(String text, Map<String, Community> aliases) {
        Community alias = aliases.get(text);
        if (alias != null) {
            return alias;
        }
        Optional<Community> value = Community.parse(text);
        if (value.isPresent()) {
            return value.get();
        }
        Long wellKnown = Community.WELL_KNOWN.get(text);
        if (wellKnown != null) {
            return new Community.Standard(wellKnown);
        }
        throw new IllegalArgumentException("is neither A:B, large:A:B:C, a well-known name (" + String.join(", ",
                new java.util.TreeSet<>(Community.WELL_KNOWN.keySet())) + ") nor an alias defined in a Community resource");
    }
}
