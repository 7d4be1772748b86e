package io.barelb.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The embedded API serves what kubectl needs: discovery documents and Service tables. */
@Timeout(60)
class EmbeddedKubernetesTest {

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, io.barelb.runtime.kube.ConfigResourceTypes.served(
            io.barelb.runtime.config.KindRegistry.builtIn()));
    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path));
        if (accept != null) {
            request.header("Accept", accept);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void servesTheDiscoveryDocumentsEvenWithAQueryString() throws Exception {
        assertThat(get("/version?timeout=32s", null).body()).contains("\"major\":\"1\"");
        assertThat(get("/api?timeout=32s", null).body()).contains("\"kind\":\"APIVersions\"").contains("\"v1\"");
        assertThat(get("/api/v1?timeout=32s", null).body()).contains("\"name\":\"services\"").contains("\"shortNames\":[\"svc\"]");
        assertThat(get("/apis", null).body()).contains("\"name\":\"metallb.io\"").contains("\"name\":\"barelb.io\"");
        assertThat(get("/apis/metallb.io/v1beta2?timeout=32s", null).body()).contains("\"kind\":\"BGPPeer\"");
        assertThat(get("/apis/barelb.io/v1beta1", null).body()).contains("\"name\":\"ipaddresspools\"")
                .contains("\"name\":\"configurationstates\"");
        var json = tools.jackson.databind.json.JsonMapper.builder().build();
        for (String path : java.util.List.of("/version", "/api", "/api/v1", "/apis", "/apis/metallb.io/v1beta1",
                "/apis/metallb.io/v1beta2", "/apis/barelb.io/v1beta1", "/apis/coordination.k8s.io/v1")) {
            assertThat(json.readTree(get(path, null).body()).isObject()).as(path + " is a JSON object").isTrue();
        }
    }

    @Test
    void listsServicesAsATableWhenAsked() throws Exception {
        api.newClient().services().inNamespace("default").resource(DemoCommand.nginx()).create();

        HttpResponse<String> table = get("/api/v1/namespaces/default/services?limit=500",
                "application/json;as=Table;v=v1;g=meta.k8s.io,application/json");

        assertThat(table.statusCode()).isEqualTo(200);
        assertThat(table.body()).contains("\"kind\":\"Table\"")
                .contains("\"cells\":[\"nginx\",\"LoadBalancer\",\"10.96.0.10\",\"<pending>\",\"80:30080/TCP\",");
        assertThat(get("/api/v1/namespaces/default/services", null).body()).contains("\"kind\":\"Service\"");
    }

    @Test
    void kubectlGetSvcWorksAgainstIt() throws Exception {
        Requirements.requireCommands("kubectl");
        api.newClient().services().inNamespace("default").resource(DemoCommand.nginx()).create();
        Path kubeconfig = api.writeKubeconfig(dir.resolve("kubeconfig"));

        Process kubectl = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "get", "svc")
                .redirectErrorStream(true).start();
        assertThat(kubectl.waitFor(30, TimeUnit.SECONDS)).isTrue();
        String output = new String(kubectl.getInputStream().readAllBytes(), StandardCharsets.UTF_8);

        assertThat(kubectl.exitValue()).as(output).isZero();
        assertThat(output).contains("NAME    TYPE           CLUSTER-IP   EXTERNAL-IP   PORT(S)        AGE")
                .contains("nginx   LoadBalancer   10.96.0.10   <pending>     80:30080/TCP");
    }
}
