package io.barelb.runtime.kube;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResourceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the {@code ConfigurationState} named {@code controller} (group {@code barelb.io}) in the configuration
 * namespace up to date: result, error summary, whether the last valid configuration is in force, and warnings (resources
 * of kinds no installed plugin claims). Without the
 * CRD installed the write fails and is logged at debug level. Not thread-safe.
 */
public final class ConfigurationStateWriter {

    /** The object's name. */
    public static final String NAME = "controller";
    /** Its type. */
    public static final ResourceDefinitionContext TYPE = new ResourceDefinitionContext.Builder()
            .withGroup("barelb.io").withVersion("v1beta1").withKind("ConfigurationState")
            .withPlural("configurationstates").withNamespaced(true).build();

    private static final Logger LOG = LoggerFactory.getLogger(ConfigurationStateWriter.class);

    private final KubernetesClient client;
    private final String namespace;
    private Map<String, Object> written;
    private String result = "Unknown";
    private String errorSummary = "";
    private boolean lastValidInForce;
    private String warnings = "";
    /** False until this writer is told the result: warnings alone wait for it (no write of "Unknown"). */
    private boolean resultKnown;

    public ConfigurationStateWriter(KubernetesClient client, String namespace) {
        this.client = client;
        this.namespace = namespace;
    }

    /** Writes the status when it differs from the last one written and from the one stored. */
    public void write(String result, String errorSummary, boolean lastValidInForce) {
        this.result = result;
        this.errorSummary = errorSummary;
        this.lastValidInForce = lastValidInForce;
        this.resultKnown = true;
        write();
    }

    /**
     * Writes {@code warnings} (one per line, empty for none) with the last result; before the first result they
     * wait for it, so a new term writes its state once, and not at all when it is the one stored.
     */
    public void warnings(String warnings) {
        this.warnings = warnings;
        if (resultKnown) {
            write();
        }
    }

    private void write() {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("result", result);
        status.put("errorSummary", errorSummary);
        status.put("lastValidInForce", lastValidInForce);
        status.put("warnings", warnings);
        if (status.equals(written)) {
            return;
        }
        try {
            var resources = client.genericKubernetesResources(TYPE).inNamespace(namespace);
            GenericKubernetesResource current = resources.withName(NAME).get();
            if (current == null) {
                current = resources.resource(new GenericKubernetesResourceBuilder()
                        .withApiVersion("barelb.io/v1beta1").withKind("ConfigurationState")
                        .withNewMetadata().withName(NAME).withNamespace(namespace).endMetadata().build()).create();
            }
            if (status.equals(current.getAdditionalProperties().get("status"))) {
                written = status; // a new term over an unchanged state: nothing to write
                return;
            }
            current.setAdditionalProperty("status", status);
            resources.resource(current).updateStatus();
            written = status;
        } catch (KubernetesClientException e) {
            LOG.debug("could not write ConfigurationState {}/{}: {}", namespace, NAME, e.getMessage());
        }
    }
}
