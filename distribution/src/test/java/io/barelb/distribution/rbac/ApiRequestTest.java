package io.barelb.distribution.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class ApiRequestTest {

    private static String access(String method, String uri) {
        return String.valueOf(ApiRequest.access("sa", method, URI.create(uri)));
    }

    @Test
    void pathsAndMethodsBecomeTheVerbsRbacJudges() {
        assertThat(access("GET", "http://h/api/v1/services?resourceVersion=0")).isEqualTo("sa list services (cluster-wide)");
        assertThat(access("GET", "http://h/api/v1/services?watch=true&resourceVersion=5")).isEqualTo("sa watch services (cluster-wide)");
        assertThat(access("GET", "http://h/api/v1/namespaces/default/services/web")).isEqualTo("sa get services[web] in default");
        assertThat(access("PUT", "http://h/api/v1/namespaces/default/services/web/status"))
                .isEqualTo("sa update services/status[web] in default");
        assertThat(access("POST", "http://h/apis/coordination.k8s.io/v1/namespaces/ns/leases"))
                .isEqualTo("sa create coordination.k8s.io/leases in ns");
        assertThat(access("PATCH", "http://h/apis/coordination.k8s.io/v1/namespaces/ns/leases/barelb-controller"))
                .isEqualTo("sa patch coordination.k8s.io/leases[barelb-controller] in ns");
        assertThat(access("GET", "http://h/api/v1/namespaces/ns/configmaps?fieldSelector=metadata.name%3Dconfig&watch=true"))
                .isEqualTo("sa watch configmaps[config] in ns");
        assertThat(access("GET", "http://h/api/v1/namespaces")).isEqualTo("sa list namespaces (cluster-wide)");
        assertThat(access("GET", "http://h/apis")).isEqualTo("null");
    }
}
