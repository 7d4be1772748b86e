package io.barelb.distribution.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.distribution.KubeObjects;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Least privilege, checked on manifests/barelb.yaml and on the chart as Helm renders it: what the RBAC objects
 * grant is exactly what {@link RequiredAccess} lists for the code's API calls (nothing missing, nothing more),
 * no wildcard, Secrets only in the configuration namespace, writes only where each role may write.
 * {@link ObservedApiCallsTest} checks the list against the requests the processes really send on the paths it
 * runs; a call on a path no test takes is only as right as its line in {@link RequiredAccess}.
 */
class RbacTest {

    static List<Arguments> sources() {
        return List.of(
                Arguments.of("manifests/barelb.yaml", KubeObjects.NAMESPACE, KubeObjects.manifest()),
                Arguments.of("chart, defaults", KubeObjects.NAMESPACE, KubeObjects.chart(KubeObjects.NAMESPACE, Map.of())),
                Arguments.of("chart, in lb-system without bgp", "lb-system",
                        KubeObjects.chart("lb-system", Map.of("announcers.bgp.enabled", "false"))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void grantsExactlyWhatTheCodeUses(String source, String namespace, List<HasMetadata> objects) {
        Set<Access> grants = Grants.of(objects);
        List<Access> required = RequiredAccess.all(namespace);
        assertThat(RbacRules.missing(required, grants)).as(source).isEmpty();
        assertThat(RbacRules.unused(required, grants)).as(source).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void hasNoWildcardAndKeepsSecretsInTheConfigurationNamespace(String source, String namespace, List<HasMetadata> objects) {
        assertThat(Grants.rules(objects)).as(source).isNotEmpty();
        assertThat(RbacRules.noWildcard(objects)).as(source).isEmpty();
        assertThat(RbacRules.secretsOnlyIn(namespace, objects)).as(source).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sources")
    void eachRoleWritesOnlyWhatItMay(String source, String namespace, List<HasMetadata> objects) {
        assertThat(RbacRules.writesOnlyWhatTheRoleMay(Grants.of(objects))).as(source).isEmpty();
    }
}
