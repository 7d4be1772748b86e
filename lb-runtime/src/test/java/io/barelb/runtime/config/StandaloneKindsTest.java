package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.net.IpAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * {@code VirtualIP} and {@code HealthCheck}: the runtime owns and judges them, through the same validator as every
 * other kind, with every problem naming resource, field, value and fix.
 */
class StandaloneKindsTest {

    private static final ConfigValidator VALIDATOR = new ConfigValidator(List.of(),
            java.util.ServiceLoader.load(io.barelb.api.plugin.LbPlugin.class).stream()
                    .flatMap(p -> p.get().announcerFactories().stream()).toList());

    private static Validation validate(String yaml) {
        return VALIDATOR.validate(VALIDATOR.reader().readYaml("vip.yaml", yaml));
    }

    @Test
    void theRuntimeOwnsBothKindsUnderBarelbIoOnly() {
        KindRegistry kinds = VALIDATOR.kinds();

        assertThat(kinds.owner("VirtualIP")).hasValueSatisfying(owner -> assertThat(owner.plugin()).isEqualTo("runtime"));
        assertThat(kinds.kind("HealthCheck")).map(ResourceKind::apiVersions).hasValue(List.of("barelb.io/v1beta1"));
        assertThat(kinds.kind("VirtualIP")).map(ResourceKind::plural).hasValue("virtualips");
    }

    @Test
    void aControlPlaneVipInAFewLinesIsValidWithItsDefaults() {
        Validation validation = validate("""
                apiVersion: barelb.io/v1beta1
                kind: HealthCheck
                metadata: {name: apiserver}
                spec:
                  port: 6443
                  http: {path: /readyz, scheme: HTTPS, caFile: /etc/kubernetes/pki/ca.crt, serverName: kubernetes}
                ---
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: apiserver}
                spec:
                  addresses: [203.0.113.10]
                  nodes: [cp-1, cp-2, cp-3]
                  healthCheck: apiserver
                """);

        assertThat(validation.problems()).isEmpty();
        ClusterConfig config = validation.orThrow();
        VirtualIpSpec vip = VirtualIpSpec.of(config.resources("VirtualIP").get(0));
        assertThat(vip.addresses()).containsExactly(IpAddress.parse("203.0.113.10"));
        assertThat(vip.protocols()).containsExactly("layer2");
        assertThat(vip.selects("cp-2", Map.of())).isTrue();
        assertThat(vip.selects("worker-1", Map.of())).isFalse();
        HealthCheckSpec check = HealthCheckSpec.of(config.resources("HealthCheck").get(0));
        assertThat(check).isEqualTo(new HealthCheckSpec("apiserver", "127.0.0.1", 6443, Optional.of(
                new HealthCheckSpec.Http("/readyz", true, false, Optional.of(Path.of("/etc/kubernetes/pki/ca.crt")),
                        Optional.of("kubernetes"))), Duration.ofSeconds(1), Duration.ofMillis(500), 2, 3));
        assertThat(check.describe()).isEqualTo("HTTPS GET 127.0.0.1:6443/readyz");
    }

    @Test
    void theWalkthroughsExampleIsValid() throws java.io.IOException {
        Path example = Path.of("..", "docs", "examples", "standalone", "cluster.yaml");

        Validation validation = VALIDATOR.validate(VALIDATOR.reader().readYaml(example.toString(),
                java.nio.file.Files.readString(example)));

        assertThat(validation.problems()).isEmpty();
        assertThat(validation.orThrow().resources("VirtualIP")).extracting(r -> r.name()).containsExactly("control-plane");
        assertThat(HealthCheckSpec.of(validation.orThrow().resources("HealthCheck").get(0)).describe())
                .isEqualTo("HTTPS GET 127.0.0.1:6443/readyz");
    }

    @Test
    void everyProblemOfAVirtualIpIsReportedAtOnceWithItsFix() {
        Validation validation = validate("""
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: api}
                spec:
                  addresses: [203.0.113.10, 203.0.113.0/24, 203.0.113.10]
                  nodes: [CP_1]
                  protocols: [layer3]
                  healthCheck: missing
                  interval: 1s
                ---
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: empty}
                spec: {}
                """);

        assertThat(validation.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "VirtualIP \"api\": spec.interval: unknown field; the fields are addresses, healthCheck, nodeSelectors,"
                        + " nodes, protocols",
                "VirtualIP \"api\": spec.addresses[1] \"203.0.113.0/24\": is not an IP address; write one address per"
                        + " entry (no prefix length), e.g. 203.0.113.10 or 2001:db8::10",
                "VirtualIP \"api\": spec.addresses[2] \"203.0.113.10\": is listed twice; remove one",
                "VirtualIP \"api\": spec.nodes[0] \"CP_1\": is not a node name (lower-case letters, digits, '-' and '.';"
                        + " the names the speakers get with --node)",
                "VirtualIP \"empty\": spec.addresses: is required: the virtual IP addresses, e.g. [203.0.113.10]");
    }

    @Test
    void theCrossChecksNameTheMissingHealthCheckTheUnknownProtocolAndASharedAddress() {
        Validation validation = validate("""
                apiVersion: barelb.io/v1beta1
                kind: HealthCheck
                metadata: {name: ssh}
                spec: {port: 22}
                ---
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: api}
                spec: {addresses: [203.0.113.10], protocols: [layer3], healthCheck: apiserver}
                ---
                apiVersion: barelb.io/v1beta1
                kind: VirtualIP
                metadata: {name: other}
                spec: {addresses: [203.0.113.10]}
                """);

        assertThat(validation.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "VirtualIP \"api\": spec.healthCheck \"apiserver\": names no HealthCheck; define HealthCheck apiserver"
                        + " (barelb.io/v1beta1) or use one of [ssh]",
                "VirtualIP \"api\": spec.protocols[0] \"layer3\": no installed announcer is called layer3; the installed"
                        + " ones are [bgp, layer2]",
                "VirtualIP \"other\": spec.addresses[0] \"203.0.113.10\": is already an address of VirtualIP api; one"
                        + " address belongs to one VirtualIP");
    }

    @Test
    void everyProblemOfAHealthCheckIsReportedWithItsFix() {
        Validation validation = validate("""
                apiVersion: barelb.io/v1beta1
                kind: HealthCheck
                metadata: {name: bad}
                spec:
                  host: apiserver.local
                  interval: 200ms
                  timeout: 1s
                  rise: 0
                  retries: 3
                  http: {path: readyz, scheme: FTP, serverName: kubernetes}
                ---
                apiVersion: barelb.io/v1beta1
                kind: HealthCheck
                metadata: {name: tls}
                spec:
                  port: 70000
                  interval: forever
                  http: {path: /readyz, scheme: HTTPS, insecureSkipVerify: true, caFile: ca.crt}
                """);

        assertThat(validation.problems()).extracting(ConfigProblem::message).containsExactlyInAnyOrder(
                "HealthCheck \"bad\": spec.retries: unknown field; the fields are fall, host, http, interval, port, rise,"
                        + " timeout",
                "HealthCheck \"bad\": spec.port: is required: the port the backend listens on, e.g. 6443 for kube-apiserver",
                "HealthCheck \"bad\": spec.host \"apiserver.local\": must be an IP address (the backend on this node,"
                        + " e.g. 127.0.0.1); host names are not resolved",
                "HealthCheck \"bad\": spec.http.path \"readyz\": must be a request path starting with / and without"
                        + " spaces, e.g. /readyz",
                "HealthCheck \"bad\": spec.http.scheme \"FTP\": must be HTTP or HTTPS",
                "HealthCheck \"bad\": spec.http.serverName \"kubernetes\": applies to HTTPS only: set scheme: HTTPS or"
                        + " remove it",
                "HealthCheck \"bad\": spec.timeout \"1s\": must not be longer than the interval (200ms): shorten it or"
                        + " lengthen interval",
                "HealthCheck \"bad\": spec.rise \"0\": must be between 1 and 100",
                "HealthCheck \"tls\": spec.port \"70000\": must be between 1 and 65535",
                "HealthCheck \"tls\": spec.interval \"forever\": must be a duration from 10ms to 10m, e.g. 1s or 500ms",
                "HealthCheck \"tls\": spec.http.insecureSkipVerify \"true\": skips verification, so caFile and"
                        + " serverName would be ignored: remove insecureSkipVerify, or remove caFile and serverName",
                "HealthCheck \"tls\": spec.http.caFile \"ca.crt\": must be an absolute path, e.g."
                        + " /etc/kubernetes/pki/ca.crt");
    }
}
