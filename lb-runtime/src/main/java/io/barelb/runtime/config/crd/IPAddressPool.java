package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** {@code IPAddressPool}: addresses the controller may hand out; status counts them per family. */
@AdditionalPrinterColumn(name = "Auto Assign", jsonPath = ".spec.autoAssign", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Avoid Buggy IPs", jsonPath = ".spec.avoidBuggyIPs", type = AdditionalPrinterColumn.Type.BOOLEAN)
@AdditionalPrinterColumn(name = "Addresses", jsonPath = ".spec.addresses", type = AdditionalPrinterColumn.Type.STRING)
@Group("barelb.io")
@Version("v1beta1")
@Plural("ipaddresspools")
public final class IPAddressPool extends CustomResource<IPAddressPool.Spec, IPAddressPool.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The pool's addresses and who may use them. */
    public static final class Spec {
        /** CIDRs ({@code 192.0.2.0/24}) or ranges ({@code 192.0.2.10-192.0.2.20}). */
        @Required
        public List<String> addresses;
        /** Whether Services that ask for no pool get addresses from this one. */
        @Default("true")
        public Boolean autoAssign;
        /** Never hand out IPv4 addresses ending in .0 or .255. */
        @Default("false")
        public Boolean avoidBuggyIPs;
        /** Pins the pool to namespaces or Services. */
        public ServiceAllocation serviceAllocation;
    }

    /** Pinning of a pool to namespaces and Services. */
    public static final class ServiceAllocation {
        /** Lower is preferred. */
        public Integer priority;
        public List<String> namespaces;
        public List<LabelSelector> namespaceSelectors;
        public List<LabelSelector> serviceSelectors;
    }

    /** Usage per family, written by the controller. */
    public static final class Status {
        public Long assignedIPv4;
        public Long assignedIPv6;
        public Long availableIPv4;
        public Long availableIPv6;
    }
}
