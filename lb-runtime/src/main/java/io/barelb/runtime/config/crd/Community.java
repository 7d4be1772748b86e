package io.barelb.runtime.config.crd;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;
import java.util.List;

/** {@code Community}: aliases for BGP community values. */
@Group("barelb.io")
@Version("v1beta1")
@Plural("communities")
public final class Community extends CustomResource<Community.Spec, Community.Status> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** The aliases. */
    public static final class Spec {
        public List<Alias> communities;
    }

    /** One alias: {@code name} stands for {@code value} ({@code A:B} or {@code large:A:B:C}). */
    public static final class Alias {
        public String name;
        public String value;
    }

    /** No fields yet (as in MetalLB); present so the CRD has a status subresource. */
    public static final class Status {
    }
}
