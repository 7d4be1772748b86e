package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** {@code L2Advertisement}: which pools are announced with ARP/NDP, from which nodes and interfaces. */
@AdditionalPrinterColumn(name = "IPAddressPools", jsonPath = ".spec.ipAddressPools", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "IPAddressPool Selectors", jsonPath = ".spec.ipAddressPoolSelectors", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Interfaces", jsonPath = ".spec.interfaces", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Node Selectors", jsonPath = ".spec.nodeSelectors", type = AdditionalPrinterColumn.Type.STRING, priority = 10)
@Group("barelb.io")
@Version("v1beta1")
@Plural("l2advertisements")
public final class L2Advertisement extends CustomResource<L2Advertisement.Spec, L2Advertisement.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** Both pool lists empty: every pool. */
    public static final class Spec {
        public List<String> ipAddressPools;
        public List<LabelSelector> ipAddressPoolSelectors;
        public List<LabelSelector> nodeSelectors;
        /** Empty: every interface. */
        public List<String> interfaces;
        public List<LabelSelector> serviceSelectors;
        public List<PreferredNodeSelector> preferredNodeSelectors;
    }

    /** A weighted node preference for the announcing node. */
    public static final class PreferredNodeSelector {
        @Min(1)
        @Max(100)
        public Integer weight;
        public LabelSelector preference;
    }

    /** No fields yet (as in MetalLB); present so the CRD has a status subresource. */
    public static final class Status {
    }
}
