package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code ConfigurationState}: what the controller thinks of the configuration (like MetalLB's kind of the same
 * name). The controller keeps one named {@code controller} in the configuration namespace.
 */
@AdditionalPrinterColumn(name = "Result", jsonPath = ".status.result", type = AdditionalPrinterColumn.Type.STRING)
@AdditionalPrinterColumn(name = "Error Summary", jsonPath = ".status.errorSummary", type = AdditionalPrinterColumn.Type.STRING, priority = 10)
@Group("barelb.io")
@Version("v1beta1")
@Plural("configurationstates")
public final class ConfigurationState extends CustomResource<ConfigurationState.Spec, ConfigurationState.Status>
        implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** No fields: the object exists for its status. */
    public static final class Spec {
    }

    /** The verdict on the newest configuration. */
    public static final class Status {
        /** {@code Valid}, {@code Invalid} or {@code Unknown}. */
        public String result;
        /** Every problem, one per line; empty when valid. */
        public String errorSummary;
        /** True when an older, valid configuration is in force. */
        public Boolean lastValidInForce;
        /**
         * Resources left out without making the configuration invalid (kinds no installed plugin claims, kinds only
         * the runtime's built-in rules check), one per line; empty when there are none.
         */
        public String warnings;
    }
}
