package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/**
 * MetalLB's {@code ServiceL2Status} ({@code metallb.io/v1beta1}), field for field: which node announces a Service
 * with layer2, and on which interfaces. The speaker that announces keeps one per Service in the configuration
 * namespace (named {@code l2-} and a random suffix, labelled {@code metallb.io/node},
 * {@code metallb.io/service-name}, {@code metallb.io/service-namespace}), so tools written for MetalLB read it.
 */
@AdditionalPrinterColumn(name = "Allocated Node", jsonPath = ".status.node", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Service Name", jsonPath = ".status.serviceName", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Service Namespace", jsonPath = ".status.serviceNamespace", type = AdditionalPrinterColumn.Type.STRING)
@Group("metallb.io")
@Version("v1beta1")
@Plural("servicel2statuses")
public final class ServiceL2Status extends CustomResource<ServiceL2Status.Spec, ServiceL2Status.Status>
        implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** No fields: the object exists for its status. */
    public static final class Spec {
    }

    /** Who announces the Service. */
    public static final class Status {
        /** The node announcing it. */
        public String node;
        /** The Service's name. */
        public String serviceName;
        /** The Service's namespace. */
        public String serviceNamespace;
        /** The interfaces it is announced on. */
        public List<InterfaceInfo> interfaces;
    }

    /** One interface. */
    public static final class InterfaceInfo {
        /** Its name, e.g. {@code eth0}. */
        public String name;
    }
}
