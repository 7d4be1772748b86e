package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/** {@code BFDProfile}: BFD timers a BGPPeer refers to (intervals in milliseconds). */
@AdditionalPrinterColumn(name = "Passive Mode", jsonPath = ".spec.passiveMode", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Transmit Interval", jsonPath = ".spec.transmitInterval", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Receive Interval", jsonPath = ".spec.receiveInterval", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Multiplier", jsonPath = ".spec.detectMultiplier", type = AdditionalPrinterColumn.Type.INTEGER)
@Group("barelb.io")
@Version("v1beta1")
@Plural("bfdprofiles")
public final class BFDProfile extends CustomResource<BFDProfile.Spec, BFDProfile.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The timers. */
    public static final class Spec {
        @Min(10)
        @Max(60000)
        public Integer receiveInterval;
        @Min(10)
        @Max(60000)
        public Integer transmitInterval;
        @Min(2)
        @Max(255)
        public Integer detectMultiplier;
        @Min(10)
        @Max(60000)
        public Integer echoInterval;
        public Boolean echoMode;
        public Boolean passiveMode;
        @Min(1)
        @Max(254)
        public Integer minimumTtl;
    }

    /** No fields yet (as in MetalLB); present so the CRD has a status subresource. */
    public static final class Status {
    }
}
