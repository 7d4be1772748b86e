package io.barelb.runtime.config;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ResourceKind;
import io.barelb.runtime.plugin.LoadedPlugin;
import io.barelb.runtime.plugin.PluginRegistry;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Every configuration kind this process reads, and who owns each: the runtime its own ({@code IPAddressPool}, and
 * {@code ConfigurationState}, which it writes), each announcer plugin the kinds it declares. The runtime holds no
 * rules for any plugin's kinds: without the plugin, they are unclaimed. The static files, the Kubernetes informers,
 * {@code validate}, {@code plan}, the controller and the speaker all read through it. Immutable and thread-safe.
 *
 * <p>A kind nobody claims is not read: it is reported ({@link #unclaimed}) naming the kind and the plugin that would
 * own it, and it never blocks address allocation.
 */
public final class KindRegistry {

    /** The runtime's own configuration kind. */
    public static final ResourceKind IP_ADDRESS_POOL = ResourceKind.metallb(ConfigKinds.IP_ADDRESS_POOL);
    /** The status kind the controller writes; never read as configuration. */
    public static final ResourceKind CONFIGURATION_STATE = ResourceKind.of("ConfigurationState", "configurationstates");

    /** The plugin folder that owns each of MetalLB's kinds, for the message about a kind nobody claims. */
    private static final Map<String, String> USUAL_OWNERS = Map.of(ConfigKinds.L2_ADVERTISEMENT, "layer2",
            ConfigKinds.BGP_PEER, "bgp", ConfigKinds.BGP_ADVERTISEMENT, "bgp", ConfigKinds.BFD_PROFILE, "bgp",
            ConfigKinds.COMMUNITY, "bgp");

    private final List<KindOwner> owners;
    private final Map<String, KindOwner> byKind;
    private final Map<String, ResourceKind> kinds;

    private KindRegistry(List<KindOwner> owners, Map<String, KindOwner> byKind, Map<String, ResourceKind> kinds) {
        this.owners = List.copyOf(owners);
        this.byKind = Map.copyOf(byKind);
        this.kinds = kinds;
    }

    /**
     * The registry of these owners (in plugin order).
     *
     * @throws KindConflictException when two owners claim one kind (naming both origins) or an owner claims one of
     *                               the runtime's kinds
     */
    public static KindRegistry of(List<KindOwner> plugins) {
        List<KindOwner> owners = new ArrayList<>(plugins);
        Set<String> protocols = new java.util.TreeSet<>();
        plugins.stream().filter(KindOwner.AnnouncerKinds.class::isInstance)
                .forEach(p -> protocols.add(((KindOwner.AnnouncerKinds) p).factory().name()));
        KindOwner standalone = new StandaloneKinds(protocols);
        Map<String, KindOwner> byKind = new LinkedHashMap<>();
        Map<String, ResourceKind> kinds = new LinkedHashMap<>();
        kinds.put(IP_ADDRESS_POOL.kind(), IP_ADDRESS_POOL);
        Set<String> runtimeKinds = new java.util.HashSet<>(Set.of(IP_ADDRESS_POOL.kind(), CONFIGURATION_STATE.kind()));
        standalone.kinds().forEach(k -> runtimeKinds.add(k.kind()));
        for (KindOwner owner : owners) {
            for (ResourceKind kind : owner.kinds()) {
                if (runtimeKinds.contains(kind.kind())) {
                    throw new KindConflictException(owner.origin() + " claims the configuration kind " + kind.kind()
                            + ", which is the runtime's own; remove it from the plugin's kinds()");
                }
                KindOwner earlier = byKind.putIfAbsent(kind.kind(), owner);
                if (earlier != null) {
                    throw new KindConflictException("two plugins claim the configuration kind " + kind.kind() + ": "
                            + earlier.origin() + " and " + owner.origin() + "; remove one of the folders");
                }
                kinds.put(kind.kind(), kind);
            }
        }
        owners.add(standalone);
        standalone.kinds().forEach(kind -> {
            byKind.put(kind.kind(), standalone);
            kinds.put(kind.kind(), kind);
        });
        Map<String, KindOwner> byStatusKind = new LinkedHashMap<>();
        for (KindOwner owner : owners) {
            owner.statusKind().ifPresent(status -> {
                KindOwner earlier = byStatusKind.putIfAbsent(status.apiVersion() + "/" + status.kind(), owner);
                if (earlier != null) {
                    throw new KindConflictException("two plugins declare the status kind " + status.kind() + " ("
                            + status.apiVersion() + "): " + earlier.origin() + " and " + owner.origin()
                            + "; remove one of the folders");
                }
            });
        }
        return new KindRegistry(owners, byKind, java.util.Collections.unmodifiableMap(kinds));
    }

    /**
     * The registry of the announcer plugins of {@code plugins} (the loader already refused two claims on one kind).
     */
    public static KindRegistry of(PluginRegistry plugins) {
        List<KindOwner> owners = new ArrayList<>();
        for (LoadedPlugin plugin : plugins.plugins()) {
            plugin.announcerFactories().forEach(f -> owners.add(KindOwner.of(plugin.name(), plugin.folder().toString(), f)));
        }
        return of(owners);
    }

    /** The runtime's kinds only: no plugin installed. */
    public static KindRegistry builtIn() {
        return of(List.of());
    }

    /** The owners, plugins first (in plugin order), then the runtime's {@link StandaloneKinds}. */
    public List<KindOwner> owners() {
        return owners;
    }

    /** The status kinds the owners' announcers write, in owner order. */
    public List<io.barelb.api.announce.StatusKind> statusKinds() {
        return owners.stream().flatMap(o -> o.statusKind().stream()).toList();
    }

    /** The owner of {@code kind}; empty for the runtime's own kinds and for kinds nobody claims. */
    public Optional<KindOwner> owner(String kind) {
        return Optional.ofNullable(byKind.get(kind));
    }

    /** The configuration kinds read, {@code IPAddressPool} first, then each owner's in order. */
    public List<ResourceKind> configKinds() {
        return List.copyOf(kinds.values());
    }

    /**
     * MetalLB's kinds no installed plugin claims (e.g. {@code L2Advertisement} without the layer2 plugin): watched
     * anyway, so that their resources are reported as unclaimed rather than never seen.
     */
    public List<ResourceKind> unclaimedKnownKinds() {
        return USUAL_OWNERS.keySet().stream().sorted().filter(k -> !kinds.containsKey(k)).map(ResourceKind::metallb)
                .toList();
    }

    /** The kind named {@code kind} if it is read as configuration. */
    public Optional<ResourceKind> kind(String kind) {
        return Optional.ofNullable(kinds.get(kind));
    }

    /** Every API group a configuration kind is read from: {@code metallb.io}, {@code barelb.io} and any declared. */
    public Set<String> groups() {
        Set<String> groups = new LinkedHashSet<>(List.of(ResourceKind.METALLB_GROUP, ResourceKind.BARELB_GROUP));
        kinds.values().forEach(k -> groups.addAll(k.groups()));
        return groups;
    }

    /** True if {@code apiVersion} is of a group configuration is read from. */
    public boolean readsGroup(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash > 0 && groups().contains(apiVersion.substring(0, slash));
    }

    /** True for the kinds of the configuration groups that are no configuration ({@code ConfigurationState}). */
    public boolean isStatusKind(String apiVersion, String kind) {
        return CONFIGURATION_STATE.kind().equals(kind) && CONFIGURATION_STATE.accepts(apiVersion);
    }

    /**
     * The report for a resource of a kind nobody claims: it names the kind, the plugin that would own it and what
     * the installed plugins claim. A notice, never a problem: the resource is ignored and allocation goes on.
     */
    public ConfigProblem unclaimed(String apiVersion, String kind, String name) {
        String usual = USUAL_OWNERS.get(kind);
        String reason = "no installed plugin claims kind " + kind + (apiVersion.isEmpty() ? "" : " (" + apiVersion + ")")
                + (usual == null ? "; the installed plugins claim " + claimedList()
                        : "; it belongs to plugin " + usual + ": install it in plugins/" + usual)
                + "; this resource is ignored";
        return new ConfigProblem(kind, name, "kind", kind, reason);
    }

    /** Why {@code apiVersion} is not accepted for the claimed {@code kind}, or empty if it is. */
    public Optional<String> unsupportedVersion(String apiVersion, String kind) {
        ResourceKind claimed = kinds.get(kind);
        if (claimed == null || claimed.accepts(apiVersion)) {
            return Optional.empty();
        }
        return Optional.of("unsupported apiVersion for " + kind + "; use " + String.join(" or ", claimed.apiVersions()));
    }

    private String claimedList() {
        Set<String> names = new TreeSet<>(kinds.keySet());
        return String.join(", ", names);
    }

    /** Two owners claim one kind, or a plugin claims one of the runtime's. */
    public static final class KindConflictException extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        KindConflictException(String message) {
            super(message);
        }
    }
}
