package io.barelb.runtime.controller;

import io.barelb.runtime.cli.PlanCommand;
import io.barelb.runtime.cli.PoolsCommand;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(60)
class PlanAndPoolsCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Callable<Integer> command, String... args) {
        CommandLine line = new CommandLine(command);
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        return line.execute(args);
    }

    private Path services() throws IOException {
        return Files.writeString(dir.resolve("services.yaml"), """
                apiVersion: v1
                kind: Service
                metadata: {name: kept, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                status: {loadBalancer: {ingress: [{ip: 192.0.2.10}]}}
                ---
                apiVersion: v1
                kind: Service
                metadata: {name: moved, namespace: default}
                spec: {type: LoadBalancer, ports: [{port: 80}]}
                status: {loadBalancer: {ingress: [{ip: 203.0.113.5}]}}
                ---
                apiVersion: v1
                kind: List
                items:
                - apiVersion: v1
                  kind: Service
                  metadata: {name: fresh, namespace: default}
                  spec: {type: LoadBalancer, ports: [{port: 80}]}
                - apiVersion: v1
                  kind: Service
                  metadata: {name: internal, namespace: default}
                  spec: {type: ClusterIP, ports: [{port: 80}]}
                """);
    }

    @Test
    void planShowsKeepGetAndChangeAndRefusesChangesByDefault() throws IOException {
        Path config = Files.writeString(dir.resolve("pool.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec: {addresses: [192.0.2.10-192.0.2.19]}
                """);

        int exit = run(new PlanCommand(ControllerFixture.IPAM, List.of()), "--config", config.toString(),
                "--services", services().toString());

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString()).isEqualTo("""
                get     default/fresh ["192.0.2.12"]
                keep    default/kept ["192.0.2.10"]
                change  default/moved ["203.0.113.5"] -> ["192.0.2.11"] (203.0.113.5 is in no address pool (or is \
                excluded by avoidBuggyIPs); request an address of a configured pool)
                3 Services: 1 keep, 1 get, 1 change, 0 lose, 0 without address
                """);
        assertThat(err.toString()).contains("1 Services would change address; rerun with --allow-changes");
    }

    @Test
    void planWithAllowChangesExitsZeroAndAnInvalidConfigExitsOne() throws IOException {
        Path good = Files.writeString(dir.resolve("good.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec: {addresses: [192.0.2.10-192.0.2.19, 203.0.113.0/24]}
                """);
        Path bad = Files.writeString(dir.resolve("bad.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata: {name: default}
                spec: {addresses: [192.0.2.19-192.0.2.10]}
                """);

        assertThat(run(new PlanCommand(ControllerFixture.IPAM, List.of()), "--config", good.toString(),
                "--services", services().toString(), "--allow-changes")).isZero();
        assertThat(out.toString()).contains("keep    default/moved [\"203.0.113.5\"]")
                .contains("3 Services: 2 keep, 1 get, 0 change, 0 lose, 0 without address");
        assertThat(run(new PlanCommand(ControllerFixture.IPAM, List.of()), "--config", bad.toString(),
                "--services", services().toString())).isEqualTo(1);
        assertThat(err.toString()).contains("the new configuration is invalid:").contains("IPAddressPool \"default\": spec.addresses[0]");
    }

    @Test
    void poolsPrintsUsagePerPoolAndFamilyFromACluster() throws IOException {
        try (ControllerFixture cluster = new ControllerFixture()) {
            cluster.apply("""
                    apiVersion: metallb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: dual}
                    spec: {addresses: [192.0.2.0/28, "2001:db8::/124"]}
                    """);
            cluster.startController();
            cluster.create(cluster.service("default", "a").build());
            cluster.create(cluster.service("default", "b").build());
            cluster.awaitIngress("default", "a", l -> !l.isEmpty());
            cluster.awaitIngress("default", "b", l -> !l.isEmpty());
            Path kubeconfig = cluster.api.writeKubeconfig(dir.resolve("kubeconfig"));

            int exit = run(new PoolsCommand(ControllerFixture.IPAM, List.of()), "--kubeconfig", kubeconfig.toString());

            assertThat(exit).as(err.toString()).isZero();
            assertThat(out.toString()).isEqualTo(String.format("%-20s %-6s %12s %10s %12s%n", "POOL", "FAMILY", "TOTAL", "ASSIGNED", "AVAILABLE")
                    + String.format("%-20s %-6s %12s %10d %12s%n", "dual", "IPv4", "16", 2, "14")
                    + String.format("%-20s %-6s %12s %10d %12s%n", "dual", "IPv6", "16", 0, "16"));
        }
    }

    @Test
    void planReadsTheServicesOfACluster() throws IOException {
        try (ControllerFixture cluster = new ControllerFixture()) {
            cluster.apply("""
                    apiVersion: metallb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: old}
                    spec: {addresses: [192.0.2.0/28]}
                    """);
            cluster.startController();
            cluster.create(cluster.service("default", "web").build());
            cluster.awaitIngress("default", "web", l -> !l.isEmpty());
            Path kubeconfig = cluster.api.writeKubeconfig(dir.resolve("kubeconfig"));
            Path renumbered = Files.writeString(dir.resolve("new.yaml"), """
                    apiVersion: barelb.io/v1beta1
                    kind: IPAddressPool
                    metadata: {name: new}
                    spec: {addresses: [198.51.100.0/28]}
                    """);

            int exit = run(new PlanCommand(ControllerFixture.IPAM, List.of()), "--config", renumbered.toString(),
                    "--kubeconfig", kubeconfig.toString());

            assertThat(exit).isEqualTo(2);
            assertThat(out.toString()).startsWith("change  default/web [\"192.0.2.0\"] -> [\"198.51.100.0\"] (");
        }
    }
}
