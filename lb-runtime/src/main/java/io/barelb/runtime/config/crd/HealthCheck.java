package io.barelb.runtime.config.crd;

import io.fabric8.crd.generator.annotation.AdditionalPrinterColumn;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Required;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.Plural;
import io.fabric8.kubernetes.model.annotation.Version;

/**
 * {@code HealthCheck}: how every speaker probes the backend on its own node (a TCP connect, or an HTTP(S) GET), and
 * how many results in a row change its state. A {@code VirtualIP} names one in {@code spec.healthCheck}, a Service in
 * the annotation {@code barelb.io/health-check}. BareLB's own kind, judged by the runtime
 * ({@link io.barelb.runtime.config.HealthCheckSpec}).
 */
@AdditionalPrinterColumn(name = "Port", jsonPath = ".spec.port", type = AdditionalPrinterColumn.Type.INTEGER)
@AdditionalPrinterColumn(name = "Path", jsonPath = ".spec.http.path", type = AdditionalPrinterColumn.Type.STRING)
@Group("barelb.io")
@Version("v1beta1")
@Plural("healthchecks")
public final class HealthCheck extends CustomResource<HealthCheck.Spec, Void> implements Namespaced {

    private static final long serialVersionUID = 1L;

    /** What is probed and how often. */
    public static final class Spec {
        /** The port the backend listens on. */
        @Required
        @Min(1)
        @Max(65535)
        public Integer port;
        /** The IP address probed; default 127.0.0.1 (the backend on the speaker's own node). */
        @Default("127.0.0.1")
        public String host;
        /** An HTTP(S) GET; without it, a TCP connect. */
        public Http http;
        /** Time between two probes, e.g. 1s. */
        @Default("1s")
        public String interval;
        /** How long one probe may take, at most the interval, e.g. 500ms. */
        @Default("500ms")
        public String timeout;
        /** Successes in a row that make a failing backend healthy. */
        @Default("2")
        @Min(1)
        @Max(100)
        public Integer rise;
        /** Failures in a row that make a healthy backend failing. */
        @Default("3")
        @Min(1)
        @Max(100)
        public Integer fall;
    }

    /** The request; a status from 200 to 399 is a success. */
    public static final class Http {
        /** The request path, e.g. /readyz. */
        @Required
        public String path;
        /** HTTP or HTTPS. */
        @Default("HTTP")
        public String scheme;
        /** HTTPS: accept any certificate. */
        public Boolean insecureSkipVerify;
        /** HTTPS: the PEM file of the CA the certificate must chain to. */
        public String caFile;
        /** HTTPS: the name the certificate must carry (and the server name sent); default the host. */
        public String serverName;
    }
}
