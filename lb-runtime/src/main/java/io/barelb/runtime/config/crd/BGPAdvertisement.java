package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** {@code BGPAdvertisement}: how the addresses of pools are advertised to BGP peers. */
@AdditionalPrinterColumn(name = "IPAddressPools", jsonPath = ".spec.ipAddressPools", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "IPAddressPool Selectors", jsonPath = ".spec.ipAddressPoolSelectors", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Peers", jsonPath = ".spec.peers", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Node Selectors", jsonPath = ".spec.nodeSelectors", type = AdditionalPrinterColumn.Type.STRING, priority = 10)
@Group("barelb.io")
@Version("v1beta1")
@Plural("bgpadvertisements")
public final class BGPAdvertisement extends CustomResource<BGPAdvertisement.Spec, BGPAdvertisement.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** Both pool lists empty: every pool. */
    public static final class Spec {
        @Min(1)
        @Max(32)
        @Default("32")
        public Integer aggregationLength;
        @Min(1)
        @Max(128)
        @Default("128")
        public Integer aggregationLengthV6;
        public Long localPref;
        /** {@code A:B}, {@code large:A:B:C} or an alias from a Community. */
        public List<String> communities;
        public List<String> ipAddressPools;
        public List<LabelSelector> ipAddressPoolSelectors;
        public List<LabelSelector> nodeSelectors;
        /** BGPPeer names; empty: every peer. */
        public List<String> peers;
        public List<LabelSelector> serviceSelectors;
    }

    /** No fields yet (as in MetalLB); present so the CRD has a status subresource. */
    public static final class Status {
    }
}
