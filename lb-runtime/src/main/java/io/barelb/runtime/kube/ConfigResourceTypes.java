package io.barelb.runtime.kube;

import io.barelb.runtime.config.ConfigKinds;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.List;

/**
 * The custom resource types the controller reads configuration from: every configuration kind under
 * {@code metallb.io/v1beta1} and {@code barelb.io/v1beta1}, plus MetalLB's {@code BGPPeer} storage version
 * {@code v1beta2}. All are namespaced.
 */
public final class ConfigResourceTypes {

    private ConfigResourceTypes() {
    }

    /** Every type, MetalLB's group first. */
    public static List<ResourceDefinitionContext> all() {
        List<ResourceDefinitionContext> types = new ArrayList<>();
        for (String group : List.of(ConfigKinds.METALLB_GROUP, ConfigKinds.BARELB_GROUP)) {
            for (String kind : ConfigKinds.ALL) {
                String version = group.equals(ConfigKinds.METALLB_GROUP) && kind.equals(ConfigKinds.BGP_PEER)
                        ? ConfigKinds.V1BETA2 : ConfigKinds.V1BETA1;
                types.add(of(group, version, kind));
            }
        }
        return List.copyOf(types);
    }

    /**
     * Every custom resource type a BareLB process reads or writes: {@link #all()}, MetalLB's {@code BGPPeer}
     * {@code v1beta1}, {@code ConfigurationState} and MetalLB's {@code ServiceL2Status}. What an API server (or the embedded one of the demo and
     * the tests) must serve.
     */
    public static List<ResourceDefinitionContext> served() {
        List<ResourceDefinitionContext> types = new ArrayList<>(all());
        types.add(of(ConfigKinds.METALLB_GROUP, ConfigKinds.V1BETA1, ConfigKinds.BGP_PEER));
        types.add(ConfigurationStateWriter.TYPE);
        types.add(of(ConfigKinds.METALLB_GROUP, ConfigKinds.V1BETA1, "ServiceL2Status", "servicel2statuses"));
        return List.copyOf(types);
    }

    /** The type of {@code kind} in {@code group} at {@code version}. */
    public static ResourceDefinitionContext of(String group, String version, String kind) {
        return of(group, version, kind, ConfigKinds.plural(kind));
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
