package io.barelb.runtime.kube;

import io.barelb.api.config.ResourceKind;
import io.barelb.runtime.config.KindRegistry;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom resource types configuration is read from, derived from the {@link KindRegistry}: every claimed kind
 * in each of its groups at the version watched there (the first it lists for that group). All are namespaced; they
 * are read as generic resources, so a plugin's kind needs no Java type in the runtime.
 */
public final class ConfigResourceTypes {

    private ConfigResourceTypes() {
    }

    /**
     * The types to watch: one per configuration kind and group, and MetalLB's kinds nobody claims (so that their
     * resources are reported as unclaimed).
     */
    public static List<ResourceDefinitionContext> watched(KindRegistry kinds) {
        List<ResourceDefinitionContext> types = new ArrayList<>();
        for (ResourceKind kind : kindsOf(kinds)) {
            for (String group : kind.groups()) {
                types.add(of(kind, group, kind.watchedVersion(group).orElseThrow()));
            }
        }
        return List.copyOf(types);
    }

    /**
     * Every custom resource type a BareLB process with these kinds reads or writes: each kind at each of its
     * versions, {@code ConfigurationState} and the status kinds the announcers declare (MetalLB's
     * {@code ServiceL2Status} and {@code ServiceBGPStatus} for the built-in ones). What an API server (or the embedded
     * one of the demo and the tests) must serve.
     */
    public static List<ResourceDefinitionContext> served(KindRegistry kinds) {
        List<ResourceDefinitionContext> types = new ArrayList<>();
        for (ResourceKind kind : kindsOf(kinds)) {
            for (String group : kind.groups()) {
                kind.versions(group).forEach(version -> types.add(of(kind, group, version)));
            }
        }
        types.add(ConfigurationStateWriter.TYPE);
        kinds.statusKinds().forEach(status -> types.add(of(status)));
        return List.copyOf(types);
    }

    private static List<ResourceKind> kindsOf(KindRegistry kinds) {
        List<ResourceKind> all = new ArrayList<>(kinds.configKinds());
        all.addAll(kinds.unclaimedKnownKinds());
        return all;
    }

    /** {@link #watched(KindRegistry)} with no plugin installed: what a process without plugins watches. */
    public static List<ResourceDefinitionContext> all() {
        return watched(KindRegistry.builtIn());
    }

    /**
     * {@link #served(KindRegistry)} with no plugin installed: the runtime's kinds and MetalLB's (the
     * embedded API of tests that install no plugin).
     */
    public static List<ResourceDefinitionContext> served() {
        return served(KindRegistry.builtIn());
    }

    /** The type of a status kind, at the version it is written as. */
    public static ResourceDefinitionContext of(io.barelb.api.announce.StatusKind status) {
        return of(status.group(), status.version(), status.kind(), status.plural());
    }

    /** The type of {@code kind} in {@code group} at {@code version}. */
    public static ResourceDefinitionContext of(ResourceKind kind, String group, String version) {
        return of(group, version, kind.kind(), kind.plural());
    }

    /** The type of {@code kind} (plural {@code plural}) in {@code group} at {@code version}. */
    public static ResourceDefinitionContext of(String group, String version, String kind, String plural) {
        return new ResourceDefinitionContext.Builder()
                .withGroup(group)
                .withVersion(version)
                .withKind(kind)
                .withPlural(plural)
                .withNamespaced(true)
                .build();
    }
}
