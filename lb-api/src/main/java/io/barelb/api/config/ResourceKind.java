package io.barelb.api.config;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A configuration kind a plugin owns: its name, its plural resource name (as in its CustomResourceDefinition),
 * the API versions it is read under, and whether it is the plugin's advertisement kind. Immutable.
 *
 * <p>The runtime reads a resource of this kind from static files and from the Kubernetes API under each of
 * {@link #apiVersions()}, hands it to the owning plugin's {@code validate} before it takes effect, and (for the
 * advertisement kind) selects by its {@code ipAddressPools}, {@code ipAddressPoolSelectors},
 * {@code serviceSelectors} and {@code nodeSelectors} which addresses each node announces. A kind of your own goes
 * in {@value #BARELB_GROUP}: {@code ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement()}.
 *
 * @param kind          the kind, e.g. {@code L2Advertisement}: a letter first, then letters and digits
 * @param plural        the plural resource name, lower case, e.g. {@code l2advertisements}
 * @param apiVersions   {@code group/version} values it is accepted under, at least one; per group the first listed
 *                      is the one watched (the storage version)
 * @param advertisement true if this is the kind that selects what the owning announcer announces
 * @since 0.2
 */
public record ResourceKind(String kind, String plural, List<String> apiVersions, boolean advertisement) {

    /** BareLB's API group: every plugin's kinds are accepted here. */
    public static final String BARELB_GROUP = "barelb.io";
    /** MetalLB's API group: the kinds MetalLB defines are accepted here too. */
    public static final String METALLB_GROUP = "metallb.io";
    /** The version of every kind in both groups. */
    public static final String V1BETA1 = "v1beta1";

    /** MetalLB's kinds besides {@code IPAddressPool}, with their plurals; the advertisement kinds are marked. */
    private static final Map<String, String> METALLB_PLURALS = Map.of("L2Advertisement", "l2advertisements",
            "BGPAdvertisement", "bgpadvertisements", "BGPPeer", "bgppeers", "BFDProfile", "bfdprofiles",
            "Community", "communities", "IPAddressPool", "ipaddresspools");
    private static final Set<String> METALLB_ADVERTISEMENTS = Set.of("L2Advertisement", "BGPAdvertisement");

    public ResourceKind {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        if (!kind.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("kind \"" + kind + "\" must be a letter followed by letters and digits");
        }
        if (!plural.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("plural \"" + plural + "\" of kind " + kind
                    + " must be lower-case letters and digits");
        }
        apiVersions = List.copyOf(new LinkedHashSet<>(apiVersions));
        if (apiVersions.isEmpty()) {
            throw new IllegalArgumentException("kind " + kind + " needs at least one apiVersion");
        }
        for (String apiVersion : apiVersions) {
            int slash = apiVersion.indexOf('/');
            if (slash <= 0 || slash == apiVersion.length() - 1 || apiVersion.indexOf('/', slash + 1) >= 0) {
                throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" of kind " + kind
                        + " must be GROUP/VERSION, e.g. barelb.io/v1beta1");
            }
        }
    }

    /** A kind of your own, read as {@code barelb.io/v1beta1}. */
    public static ResourceKind of(String kind, String plural) {
        return new ResourceKind(kind, plural, List.of(BARELB_GROUP + "/" + V1BETA1), false);
    }

    /**
     * One of MetalLB's kinds ({@code L2Advertisement}, {@code BGPAdvertisement}, {@code BGPPeer}, {@code BFDProfile},
     * {@code Community}) as MetalLB defines it: under {@code metallb.io/v1beta1} and {@code barelb.io/v1beta1}
     * ({@code BGPPeer} also {@code metallb.io/v1beta2}, MetalLB's storage version), the advertisement kinds marked.
     *
     * @throws IllegalArgumentException if MetalLB defines no such kind
     */
    public static ResourceKind metallb(String kind) {
        String plural = METALLB_PLURALS.get(kind);
        if (plural == null) {
            throw new IllegalArgumentException("MetalLB defines no kind " + kind + "; the kinds are "
                    + new java.util.TreeSet<>(METALLB_PLURALS.keySet()));
        }
        List<String> versions = kind.equals("BGPPeer")
                ? List.of(METALLB_GROUP + "/v1beta2", METALLB_GROUP + "/" + V1BETA1, BARELB_GROUP + "/" + V1BETA1)
                : List.of(METALLB_GROUP + "/" + V1BETA1, BARELB_GROUP + "/" + V1BETA1);
        return new ResourceKind(kind, plural, versions, METALLB_ADVERTISEMENTS.contains(kind));
    }

    /**
     * The kind a plain name in {@code AnnouncerFactory.resourceKinds()} stands for: MetalLB's definition if MetalLB
     * defines it, else {@code barelb.io/v1beta1} with the plural of the lower-cased name (a final {@code y} after a
     * consonant becomes {@code ies}, else {@code s} is added), and never an advertisement kind.
     */
    public static ResourceKind named(String kind) {
        if (METALLB_PLURALS.containsKey(kind)) {
            return metallb(kind);
        }
        String lower = kind.toLowerCase(Locale.ROOT);
        boolean consonantY = lower.length() > 1 && lower.endsWith("y") && "aeiou".indexOf(lower.charAt(lower.length() - 2)) < 0;
        return of(kind, consonantY ? lower.substring(0, lower.length() - 1) + "ies" : lower + "s");
    }

    /** This kind, marked as the advertisement kind of its announcer. */
    public ResourceKind asAdvertisement() {
        return new ResourceKind(kind, plural, apiVersions, true);
    }

    /** This kind, accepted under these {@code group/version} values instead. */
    public ResourceKind withApiVersions(String... values) {
        return new ResourceKind(kind, plural, List.of(values), advertisement);
    }

    /** The API groups, in the order first listed. */
    public List<String> groups() {
        List<String> groups = new ArrayList<>();
        for (String apiVersion : apiVersions) {
            String group = apiVersion.substring(0, apiVersion.indexOf('/'));
            if (!groups.contains(group)) {
                groups.add(group);
            }
        }
        return List.copyOf(groups);
    }

    /** The versions accepted in {@code group}, the watched one first; empty if the group is not among them. */
    public List<String> versions(String group) {
        return apiVersions.stream().filter(v -> v.startsWith(group + "/"))
                .map(v -> v.substring(group.length() + 1)).toList();
    }

    /** The version watched in {@code group}: the first listed, if the group is among them. */
    public Optional<String> watchedVersion(String group) {
        return versions(group).stream().findFirst();
    }

    /** True if a resource written with {@code apiVersion} is of this kind's accepted versions. */
    public boolean accepts(String apiVersion) {
        return apiVersions.contains(apiVersion);
    }
}
