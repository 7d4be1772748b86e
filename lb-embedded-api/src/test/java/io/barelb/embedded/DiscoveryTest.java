package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Discovery lists the built-in resources read from fabric8's model and every CRD stored in the API, which also
 * gets its accepted status, its printer columns in Tables and a scale subresource where it declares one.
 */
class DiscoveryTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final EmbeddedKubernetes api = EmbeddedKubernetes.start(0, List.of());
    private final KubernetesClient client = api.newClient();
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        api.close();
    }

    private HttpResponse<String> send(String method, String path, String accept, String contentType, String body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(api.url() + path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (accept != null) {
            request.header("Accept", accept);
        }
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send("GET", path, null, null, null);
        assertThat(response.statusCode()).as(path + "\n" + response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode resource(JsonNode list, String name) {
        for (JsonNode resource : list.path("resources")) {
            if (resource.path("name").asString("").equals(name)) {
                return resource;
            }
        }
        throw new AssertionError("no " + name + " in " + list);
    }

    @Test
    void listsTheGenerallyAvailableBuiltInsOfTheModel() throws Exception {
        JsonNode apps = get("/apis/apps/v1");
        assertThat(resource(apps, "daemonsets").path("shortNames").toString()).isEqualTo("[\"ds\"]");
        assertThat(resource(apps, "deployments").path("namespaced").asBoolean()).isTrue();
        assertThat(resource(apps, "deployments/scale").path("kind").asString()).isEqualTo("Scale");
        assertThat(resource(apps, "deployments/scale").path("group").asString()).isEqualTo("autoscaling");
        assertThat(resource(get("/apis/rbac.authorization.k8s.io/v1"), "clusterroles").path("namespaced").asBoolean())
                .isFalse();
        assertThat(resource(get("/apis/apiextensions.k8s.io/v1"), "customresourcedefinitions").path("shortNames")
                .toString()).isEqualTo("[\"crd\",\"crds\"]");
        assertThat(resource(get("/api/v1"), "services").path("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(get("/apis").toString()).contains("\"name\":\"admissionregistration.k8s.io\"")
                .contains("{\"groupVersion\":\"autoscaling/v2\",\"version\":\"v2\"}")
                .doesNotContain("v1beta").doesNotContain("gateway.networking.k8s.io");
        assertThat(get("/apis/autoscaling").path("preferredVersion").path("version").asString()).isEqualTo("v2");
        assertThat(send("GET", "/apis/apps/v1beta2", null, null, null).statusCode()).isEqualTo(404);
    }

    @Test
    void aStoredCrdIsServedWithItsNamesStatusAndColumns() throws Exception {
        assertThat(send("GET", "/apis/example.io/v1", null, null, null).statusCode()).isEqualTo(404);
        client.apiextensions().v1().customResourceDefinitions().resource(widgets()).create();

        CustomResourceDefinition stored = client.apiextensions().v1().customResourceDefinitions()
                .withName("widgets.example.io").get();
        assertThat(stored.getStatus().getConditions()).extracting(c -> c.getType() + "=" + c.getStatus())
                .contains("Established=True", "NamesAccepted=True");
        assertThat(stored.getStatus().getAcceptedNames().getKind()).isEqualTo("Widget");
        JsonNode widgets = resource(get("/apis/example.io/v1"), "widgets");
        assertThat(widgets.path("shortNames").toString()).isEqualTo("[\"wd\"]");
        assertThat(widgets.path("categories").toString()).isEqualTo("[\"all\"]");
        assertThat(get("/apis").toString()).contains("\"name\":\"example.io\"");

        GenericKubernetesResource widget = new GenericKubernetesResource();
        widget.setApiVersion("example.io/v1");
        widget.setKind("Widget");
        widget.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName("w").withNamespace("default")
                .build());
        widget.setAdditionalProperty("spec", Map.of("addresses", List.of("192.0.2.0/28"), "autoAssign", false));
        client.genericKubernetesResources("example.io/v1", "Widget").inNamespace("default").resource(widget).create();
        JsonNode table = JSON.readTree(send("GET", "/apis/example.io/v1/namespaces/default/widgets", "application/json;as=Table;v=v1;g=meta.k8s.io", null, null).body());
        assertThat(table.path("columnDefinitions").findValuesAsString("name"))
                .containsExactly("Name", "Auto Assign", "Addresses", "Age");
        assertThat(table.path("columnDefinitions").get(1).path("type").asString()).isEqualTo("boolean");
        JsonNode cells = table.path("rows").get(0).path("cells");
        assertThat(cells.get(0).asString()).isEqualTo("w");
        assertThat(cells.get(1).asString()).isEqualTo("false");
        assertThat(cells.get(2).asString()).isEqualTo("[\"192.0.2.0/28\"]");
        assertThat(cells.get(3).asString()).matches("\\d+s");
    }

    @Test
    void theScaleSubresourceWritesSpecReplicas() throws Exception {
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata()
                .withName("controller").withNamespace("default").endMetadata().withNewSpec().withReplicas(2)
                .withNewSelector().addToMatchLabels("app", "c").endSelector().endSpec().build()).create();
        String path = "/apis/apps/v1/namespaces/default/deployments/controller/scale";
        assertThat(get(path).path("spec").path("replicas").asInt()).isEqualTo(2);
        assertThat(get(path).path("status").path("selector").asString()).isEqualTo("app=c");

        HttpResponse<String> patched = send("PATCH", path, null, "application/merge-patch+json",
                "{\"spec\":{\"replicas\":0}}");

        assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
        assertThat(JSON.readTree(patched.body()).path("spec").path("replicas").asInt()).isZero();
        assertThat(client.apps().deployments().inNamespace("default").withName("controller").get().getSpec()
                .getReplicas()).isZero();
        assertThat(send("PATCH", path, null, "application/merge-patch+json", "{\"spec\":{\"replicas\":\"x\"}}").body())
                .contains("spec.replicas: must be a whole number");
    }

    private static CustomResourceDefinition widgets() {
        return new CustomResourceDefinitionBuilder().withNewMetadata().withName("widgets.example.io").endMetadata()
                .withNewSpec().withGroup("example.io").withScope("Namespaced").withNewNames().withKind("Widget")
                .withPlural("widgets").withSingular("widget").withShortNames("wd").withCategories("all").endNames()
                .addNewVersion().withName("v1").withServed(true).withStorage(true)
                .addNewAdditionalPrinterColumn().withName("Auto Assign").withType("boolean").withJsonPath(".spec.autoAssign").endAdditionalPrinterColumn()
                .addNewAdditionalPrinterColumn().withName("Addresses").withType("string").withJsonPath(".spec.addresses").endAdditionalPrinterColumn()
                .addNewAdditionalPrinterColumn().withName("Age").withType("date").withJsonPath(".metadata.creationTimestamp").endAdditionalPrinterColumn()
                .withNewSubresources().withNewStatus().endStatus().endSubresources()
                .withNewSchema().withNewOpenAPIV3Schema().withType("object").withXKubernetesPreserveUnknownFields(true)
                .endOpenAPIV3Schema().endSchema().endVersion().endSpec().build();
    }
}
