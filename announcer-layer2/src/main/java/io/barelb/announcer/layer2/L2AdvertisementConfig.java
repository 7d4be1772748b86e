package io.barelb.announcer.layer2;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reads and checks {@code L2Advertisement} resources, field names exactly as MetalLB's CRD
 * ({@code metallb.io/v1beta1}): {@code ipAddressPools}, {@code ipAddressPoolSelectors}, {@code nodeSelectors},
 * {@code serviceSelectors}, {@code interfaces}, {@code preferredNodeSelectors}. Pure and thread-safe.
 */
final class L2AdvertisementConfig {

    static final String KIND = "L2Advertisement";
    private static final Set<String> FIELDS = Set.of("ipAddressPools", "ipAddressPoolSelectors", "nodeSelectors",
            "serviceSelectors", "interfaces", "preferredNodeSelectors");
    private static final Set<String> SELECTOR_FIELDS = Set.of("matchLabels", "matchExpressions");
    private static final Set<String> OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

    private L2AdvertisementConfig() {
    }

    /**
     * The interfaces the advertisements allow: empty when any of them lists none (all suitable interfaces),
     * otherwise the union of their {@code interfaces}.
     */
    static Optional<Set<String>> allowedInterfaces(List<ConfigResource> selectedBy) {
        if (selectedBy.isEmpty()) {
            return Optional.empty();
        }
        Set<String> union = new TreeSet<>();
        for (ConfigResource resource : selectedBy) {
            List<String> interfaces = resource.spec().strings("interfaces");
            if (interfaces.isEmpty()) {
                return Optional.empty();
            }
            union.addAll(interfaces);
        }
        return Optional.of(union);
    }

    /**
     * MetalLB's rule for Services that may share an address: one with an {@code allow-shared-ip} annotation is not
     * announced through layer2 when an {@code L2Advertisement} that selects it on this node has
     * {@code serviceSelectors}, since sibling Services matched by different advertisements could elect different
     * nodes and two would answer for the address. The name of the first such advertisement, or empty.
     */
    static Optional<String> refusesSharing(io.barelb.api.announce.Advertisement ad) {
        if (!ad.mayShareAddress()) {
            return Optional.empty();
        }
        return ad.selectedBy().stream().filter(resource -> !resource.spec().children("serviceSelectors").isEmpty())
                .map(ConfigResource::name).findFirst();
    }

    /** Every problem in the {@code L2Advertisement}s among {@code resources}. */
    static List<ConfigProblem> validate(List<ConfigResource> resources) {
        List<ConfigProblem> problems = new ArrayList<>();
        for (ConfigResource resource : resources) {
            if (!KIND.equals(resource.kind())) {
                continue;
            }
            try {
                validateOne(resource.spec(), problems);
            } catch (ConfigException e) {
                problems.addAll(e.problems());
            }
        }
        return List.copyOf(problems);
    }

    private static void validateOne(ConfigView spec, List<ConfigProblem> problems) {
        for (String key : spec.keys()) {
            if (!FIELDS.contains(key)) {
                problems.add(spec.problemAt(key, "", "unknown field; an L2Advertisement has " + new TreeSet<>(FIELDS)));
            }
        }
        List<String> interfaces = guard(problems, () -> spec.strings("interfaces"), List.of());
        for (int i = 0; i < interfaces.size(); i++) {
            String name = interfaces.get(i);
            if (!validInterfaceName(name)) {
                problems.add(spec.problemAt("interfaces[" + i + "]", name, "is not a Linux interface name: 1-15 "
                        + "characters, no '/', ':' or whitespace, not '.' or '..'"));
            }
        }
        for (String key : List.of("ipAddressPools")) {
            List<String> names = guard(problems, () -> spec.strings(key), List.of());
            for (int i = 0; i < names.size(); i++) {
                if (names.get(i).isBlank()) {
                    problems.add(spec.problemAt(key + "[" + i + "]", "", "must name an IPAddressPool"));
                }
            }
        }
        for (String key : List.of("ipAddressPoolSelectors", "nodeSelectors", "serviceSelectors")) {
            for (ConfigView selector : guard(problems, () -> spec.children(key), List.<ConfigView>of())) {
                validateSelector(selector, problems);
            }
        }
        for (ConfigView preferred : guard(problems, () -> spec.children("preferredNodeSelectors"), List.<ConfigView>of())) {
            for (String key : preferred.keys()) {
                if (!Set.of("weight", "preference").contains(key)) {
                    problems.add(preferred.problemAt(key, "", "unknown field; expected weight and preference"));
                }
            }
            Optional<Long> weight = guard(problems, () -> preferred.integer("weight"), Optional.empty());
            if (weight.isEmpty() || weight.get() < 1 || weight.get() > 100) {
                problems.add(preferred.problemAt("weight", weight.isEmpty() ? "" : weight.get().toString(),
                        "must be a whole number from 1 to 100"));
            }
            Optional<ConfigView> preference = guard(problems, () -> preferred.child("preference"), Optional.empty());
            if (preference.isEmpty()) {
                problems.add(preferred.problemAt("preference", "", "is required: a node selector"));
            } else {
                validateSelector(preference.get(), problems);
            }
        }
    }

    private static void validateSelector(ConfigView selector, List<ConfigProblem> problems) {
        for (String key : selector.keys()) {
            if (!SELECTOR_FIELDS.contains(key)) {
                problems.add(selector.problemAt(key, "", "unknown field; a label selector has matchLabels and matchExpressions"));
            }
        }
        Optional<ConfigView> labels = guard(problems, () -> selector.child("matchLabels"), Optional.empty());
        if (labels.isPresent()) {
            for (String key : labels.get().keys()) {
                guard(problems, () -> labels.get().string(key), Optional.empty());
            }
        }
        for (ConfigView expression : guard(problems, () -> selector.children("matchExpressions"), List.<ConfigView>of())) {
            Optional<String> key = guard(problems, () -> expression.string("key"), Optional.empty());
            if (key.isEmpty() || key.get().isBlank()) {
                problems.add(expression.problemAt("key", "", "is required: the label key the expression tests"));
            }
            Optional<String> operator = guard(problems, () -> expression.string("operator"), Optional.empty());
            List<String> values = guard(problems, () -> expression.strings("values"), List.of());
            if (operator.isEmpty() || !OPERATORS.contains(operator.get())) {
                problems.add(expression.problemAt("operator", operator.orElse(""),
                        "must be one of In, NotIn, Exists, DoesNotExist"));
            } else if (operator.get().equals("In") || operator.get().equals("NotIn")) {
                if (values.isEmpty()) {
                    problems.add(expression.problemAt("values", "", "must not be empty with operator " + operator.get()));
                }
            } else if (!values.isEmpty()) {
                problems.add(expression.problemAt("values", String.join(",", values),
                        "must be empty with operator " + operator.get()));
            }
        }
    }

    static boolean validInterfaceName(String name) {
        return !name.isEmpty() && name.length() <= 15 && !name.equals(".") && !name.equals("..")
                && name.chars().noneMatch(c -> c == '/' || c == ':' || Character.isWhitespace(c));
    }

    /** Runs a typed read, turning its ConfigException into problems; a safe empty value on failure. */
    private static <T> T guard(List<ConfigProblem> problems, java.util.function.Supplier<T> read, T fallback) {
        try {
            return read.get();
        } catch (ConfigException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }
}
