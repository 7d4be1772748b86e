package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ApiPathsTest {

    @Test
    void takesResourceNameAndQueryApart() {
        ApiPaths service = ApiPaths.of("/api/v1/namespaces/default/services/nginx?watch=true&fieldSelector=a%3Db");
        assertThat(service.resource()).isEqualTo("services");
        assertThat(service.name()).isEqualTo("nginx");
        assertThat(service.watch()).isTrue();
        assertThat(service.query("fieldSelector")).isEqualTo("a=b");
        assertThat(service.withoutQueryParameter("fieldSelector"))
                .isEqualTo("/api/v1/namespaces/default/services/nginx?watch=true");

        assertThat(ApiPaths.of("/api/v1/namespaces/default/services/nginx/status").subresource()).isEqualTo("status");
        assertThat(service.subresource()).isNull();
        assertThat(ApiPaths.of("/api/v1/namespaces/demo")).extracting(ApiPaths::resource, ApiPaths::name)
                .containsExactly("namespaces", "demo");
        assertThat(ApiPaths.of("/apis/apps/v1/deployments?limit=500")).extracting(ApiPaths::resource, ApiPaths::name)
                .containsExactly("deployments", null);
        assertThat(ApiPaths.of("/apis/apps/v1").resource()).isNull();
        assertThat(ApiPaths.of("/version").resource()).isNull();
        assertThat(ApiPaths.of("/api/v1/services").watch()).isFalse();
    }

    @Test
    void fieldSelectorsKeepOnlyMatchingItems() {
        String events = "{\"kind\":\"EventList\",\"items\":[{\"involvedObject\":{\"kind\":\"Service\",\"name\":\"nginx\"}},"
                + "{\"involvedObject\":{\"kind\":\"Service\",\"name\":\"web\"}}]}";

        assertThat(FieldSelector.parse("involvedObject.kind=Service,involvedObject.name==nginx").filter(events))
                .contains("nginx").doesNotContain("web");
        assertThat(FieldSelector.parse("involvedObject.name!=nginx").filter(events))
                .contains("web").doesNotContain("nginx");
        assertThat(FieldSelector.parse("involvedObject.uid=u1").filter(events)).contains("\"items\":[]");
    }
}
