package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * {@code VirtualIP}: addresses announced on their own (no Service, EndpointSlice or pool) from the nodes it names or
 * selects, while their backend passes the named {@code HealthCheck}. BareLB's own kind, read and judged by the runtime
 * ({@link io.barelb.runtime.config.VirtualIpSpec}); made for the speaker's static mode.
 */
@AdditionalPrinterColumn(name = "Addresses", jsonPath = ".spec.addresses", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Health Check", jsonPath = ".spec.healthCheck", type = AdditionalPrinterColumn.Type.STRING)
@Group("barelb.io")
@Version("v1beta1")
@Plural("virtualips")
public final class VirtualIP extends CustomResource<VirtualIP.Spec, Void> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The addresses, who may hold them, how they are announced and what gates them. */
    public static final class Spec {
        /** One IP address per entry, e.g. 203.0.113.10 or 2001:db8::10 (no prefix length). */
        @Required
        public List<String> addresses;
        /** Names of the nodes that may hold the addresses (with nodeSelectors: either; neither: every node). */
        public List<String> nodes;
        /** Selectors of further nodes that may hold the addresses. */
        public List<LabelSelector> nodeSelectors;
        /** The announcers that announce the addresses; default [layer2]. */
        public List<String> protocols;
        /** The name of the HealthCheck a node's backend must pass for the node to be a candidate. */
        public String healthCheck;
    }
}
