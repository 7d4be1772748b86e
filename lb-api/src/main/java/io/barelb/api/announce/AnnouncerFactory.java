package io.barelb.api.announce;

import io.barelb.api.PluginContext;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Builds the {@link Announcer} of one protocol. Stateless and thread-safe.
 */
public interface AnnouncerFactory {

    /**
     * The protocol this factory implements, unique across plugins; it is the value pools and advertisements
     * refer to ({@code layer2}, {@code bgp}).
     */
    String name();

    /**
     * The names of the configuration kinds this announcer owns, e.g. {@code L2Advertisement}. Kept for plugins
     * written against 0.1; the runtime reads {@link #kinds()}, whose default is derived from this set.
     */
    default Set<String> resourceKinds() {
        return Set.of();
    }

    /**
     * The configuration kinds this announcer owns and validates, each with its API versions, its plural and whether
     * it is the advertisement kind (at most one is). Two plugins claiming one kind stop start-up; a plugin may not
     * claim {@code IPAddressPool} or {@code ConfigurationState}, which are the runtime's own. The default maps each
     * name of {@link #resourceKinds()} through {@link ResourceKind#named(String)}: MetalLB's definition for MetalLB's
     * kinds (with {@code L2Advertisement} and {@code BGPAdvertisement} marked as advertisement kinds), else
     * {@code barelb.io/v1beta1}; a kind of your own is marked with {@link ResourceKind#asAdvertisement()}.
     *
     * @since 0.2
     */
    default List<ResourceKind> kinds() {
        return resourceKinds().stream().sorted().map(ResourceKind::named).toList();
    }

    /**
     * The kind of the advertisement resources that select what this announcer announces (pools, Services,
     * nodes), e.g. {@code L2Advertisement}; the runtime reads their {@code ipAddressPools},
     * {@code ipAddressPoolSelectors}, {@code serviceSelectors} and {@code nodeSelectors} to decide which
     * addresses each node announces. By default the kind of {@link #kinds()} marked as the advertisement kind; empty
     * if none is (no name is guessed from a suffix any more). A plugin written against 0.1 that overrides this
     * method with one of its kinds keeps working: the runtime marks that kind.
     */
    default Optional<String> advertisementKind() {
        return kinds().stream().filter(ResourceKind::advertisement).map(ResourceKind::kind).findFirst();
    }

    /**
     * Every problem in the resources of {@link #kinds()}, all at once; empty when they are valid.
     * Pure: no I/O. Kept for plugins written against 0.1: the runtime calls
     * {@link #validate(List, ValidationContext)}, whose default calls this.
     */
    default List<ConfigProblem> validate(List<ConfigResource> resources) {
        return List.of();
    }

    /**
     * Every problem in the resources of {@link #kinds()} (every resource of those kinds in the configuration, none
     * of any other kind), all at once; empty when they are valid. The runtime calls it every time a configuration
     * is read, before it takes effect; a problem keeps the last good configuration in force. No I/O beyond what
     * {@code context} offers. The default calls {@link #validate(List)}.
     *
     * @since 0.2
     */
    default List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        return validate(resources);
    }

    /**
     * The kind of the per-Service status objects the speaker writes for this announcer's
     * {@link Announcer#serviceStatuses()} (see {@link StatusKind}); empty, the default, for none. Two factories may
     * not declare one kind.
     *
     * @since 0.3
     */
    default Optional<StatusKind> statusKind() {
        return Optional.empty();
    }

    /** A new announcer for this process; it announces nothing until the first {@code apply}. */
    Announcer create(PluginContext context);
}
