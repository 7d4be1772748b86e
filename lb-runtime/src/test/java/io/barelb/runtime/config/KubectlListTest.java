package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/migration.md exports MetalLB's configuration with {@code kubectl get ... -o yaml}, which wraps the objects in
 * a {@code v1 List}: its items are read as if they were documents of their own, server fields and all.
 */
class KubectlListTest {

    private final ConfigValidator validator = new ConfigValidator(List.of(), List.of());

    @Test
    void theItemsOfAListAreRead() {
        ConfigInput input = validator.reader().readYaml("export.yaml", """
                apiVersion: v1
                kind: List
                metadata: {resourceVersion: ""}
                items:
                - apiVersion: metallb.io/v1beta1
                  kind: IPAddressPool
                  metadata:
                    name: production
                    namespace: metallb-system
                    resourceVersion: "1234"
                    uid: 0b9e9d56-1111-2222-3333-444455556666
                    creationTimestamp: "2026-01-01T00:00:00Z"
                  spec: {addresses: [192.0.2.0/28], autoAssign: true, avoidBuggyIPs: false}
                  status: {assignedIPv4: 3, assignedIPv6: 0, availableIPv4: 13, availableIPv6: 0}
                - apiVersion: v1
                  kind: List
                  items:
                  - apiVersion: metallb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: reserved, namespace: metallb-system}
                    spec: {addresses: [198.51.100.0/29], autoAssign: false}
                """);

        assertThat(input.problems()).isEmpty();
        ClusterConfig config = validator.validate(input).orThrow();
        assertThat(config.pools()).extracting(p -> p.name()).containsExactly("production", "reserved");
    }

    @Test
    void aListWithoutAListOfItemsIsAProblemNamingTheDocument() {
        ConfigInput input = validator.reader().readYaml("export.yaml", """
                apiVersion: v1
                kind: List
                items: {apiVersion: metallb.io/v1beta1, kind: IPAddressPool}
                """);

        assertThat(input.problems()).extracting(ConfigProblem::toString).singleElement().asString()
                .contains("export.yaml").contains("document 1 items").contains("must be a list of Kubernetes objects");
    }
}
