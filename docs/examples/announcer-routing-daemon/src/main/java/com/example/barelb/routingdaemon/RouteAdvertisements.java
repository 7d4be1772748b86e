package com.example.barelb.routingdaemon;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.select.LabelSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The plugin's one kind, {@code RoutingDaemonAdvertisement} ({@code barelb.io/v1beta1}): which pools, Services and
 * nodes the routing daemon announces (the runtime selects by {@code ipAddressPools}, {@code ipAddressPoolSelectors},
 * {@code serviceSelectors}, {@code nodeSelectors}), and {@code routeType}, the kind of static route written.
 */
final class RouteAdvertisements {

    static final ResourceKind KIND = ResourceKind.of("RoutingDaemonAdvertisement", "routingdaemonadvertisements")
            .asAdvertisement();
    static final String ROUTE_TYPE = "routeType";
    static final Set<String> ROUTE_TYPES = Set.of("blackhole", "unreachable", "prohibit");
    private static final Set<String> FIELDS = Set.of("ipAddressPools", "ipAddressPoolSelectors", "serviceSelectors",
            "nodeSelectors", ROUTE_TYPE);

    private RouteAdvertisements() {
    }

    /** Every problem in the resources of this kind. */
    static List<ConfigProblem> validate(List<ConfigResource> resources) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigResource resource : resources) {
            if (resource.kind().equals(KIND.kind())) {
                validateOne(resource.spec(), problems);
            }
        }
        return List.copyOf(problems);
    }

    /** The route type {@code ad} asks for, {@code blackhole} when it names none. */
    static String routeType(ConfigResource ad) {
        return ad.spec().string(ROUTE_TYPE).orElse("blackhole");
    }

    private static void validateOne(ConfigView spec, List<ConfigProblem> problems) {
        for (String key : spec.keys()) {
            if (!FIELDS.contains(key)) {
                problems.add(spec.problemAt(key, "", "is not a field of a RoutingDaemonAdvertisement; its fields are "
                        + new TreeSet<>(FIELDS)));
            }
        }
        guard(problems, () -> {
            String type = spec.string(ROUTE_TYPE).orElse("blackhole");
            if (!ROUTE_TYPES.contains(type)) {
                problems.add(spec.problemAt(ROUTE_TYPE, type, "is not a route type; write one of "
                        + new TreeSet<>(ROUTE_TYPES) + " (blackhole when left out)"));
            }
        });
        guard(problems, () -> {
            List<String> pools = spec.strings("ipAddressPools");
            for (int i = 0; i < pools.size(); i++) {
                if (pools.get(i).isBlank()) {
                    problems.add(spec.problemAt("ipAddressPools[" + i + "]", "", "must name an IPAddressPool"));
                }
            }
        });
        for (String key : List.of("ipAddressPoolSelectors", "serviceSelectors", "nodeSelectors")) {
            guard(problems, () -> spec.children(key).forEach(LabelSelector::fromConfig));
        }
    }

    /** Runs a check; a value of the wrong type (a {@link ConfigException} from the view) becomes its problems. */
    private static void guard(List<ConfigProblem> problems, Runnable check) {
        try {
            check.run();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
        }
    }
}
