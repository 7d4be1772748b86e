package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.SecretReference;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** {@code BGPPeer}: a BGP session the speakers open (MetalLB's v1beta2 fields). */
@AdditionalPrinterColumn(name = "Address", jsonPath = ".spec.peerAddress", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "ASN", jsonPath = ".spec.peerASN", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "BFD Profile", jsonPath = ".spec.bfdProfile", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Multi Hops", jsonPath = ".spec.ebgpMultiHop", type = AdditionalPrinterColumn.Type.STRING)
@Group("barelb.io")
@Version("v1beta1")
@Plural("bgppeers")
public final class BGPPeer extends CustomResource<BGPPeer.Spec, BGPPeer.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The session; durations are written like {@code 90s}. */
    public static final class Spec {
        @Required
        @Min(0)
        @Max(4294967295L)
        public Long myASN;
        @Min(0)
        @Max(4294967295L)
        public Long peerASN;
        /** {@code internal} or {@code external}, instead of peerASN. */
        public String dynamicASN;
        @Min(0)
        @Max(4294967295L)
        public Long localASN;
        public String peerAddress;
        /** An interface for an unnumbered session, instead of peerAddress. */
        @JsonProperty("interface")
        public String iface;
        public String sourceAddress;
        @Min(1)
        @Max(16384)
        @Default("179")
        public Integer peerPort;
        public String holdTime;
        public String keepaliveTime;
        public String connectTime;
        public String routerID;
        public List<LabelSelector> nodeSelectors;
        public String password;
        public SecretReference passwordSecret;
        public String bfdProfile;
        public Boolean enableGracefulRestart;
        public Boolean ebgpMultiHop;
        public String vrf;
        public Boolean disableMP;
        public Boolean dualStackAddressFamily;
    }

    /** No fields yet (as in MetalLB); present so the CRD has a status subresource. */
    public static final class Status {
    }
}
