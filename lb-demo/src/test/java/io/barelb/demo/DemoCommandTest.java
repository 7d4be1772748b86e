package io.barelb.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.ipam.cidr.CidrIpamFactory;
import io.barelb.ipam.range.RangeIpamFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import io.barelb.runtime.controller.ControllerOptions;
import io.barelb.runtime.controller.LeaderElectedController;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Timeout(120)
class DemoCommandTest {

    @TempDir
    Path dir;

    @Test
    void printsTheNginxServiceWithAnExternalIpFromTheSeedPoolAndAKubeconfig() throws Exception {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Path kubeconfig = dir.resolve("demo.kubeconfig");
        CommandLine line = new CommandLine(new DemoCommand(List.of(new RangeIpamFactory(), new CidrIpamFactory()), List.of()));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));

        int exit = line.execute("--exit-after-seconds", "0", "--kubeconfig-out", kubeconfig.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString())
                .contains("NAME    TYPE           CLUSTER-IP   EXTERNAL-IP      PORT(S)        AGE\n")
                .containsPattern("\nnginx   LoadBalancer   10\\.96\\.0\\.10   192\\.168\\.92\\.200   80:30080/TCP   \\d+s\n")
                .contains("export KUBECONFIG=" + kubeconfig.toAbsolutePath())
                .contains("kubectl get svc");
        assertThat(Files.readString(kubeconfig)).contains("server: http://").contains("current-context: barelb-demo");
    }

    @Test
    void keepsItsKubeconfigInATemporaryFolderItRemovesOnExit() {
        StringWriter out = new StringWriter();
        CommandLine line = new CommandLine(new DemoCommand(List.of(new RangeIpamFactory()), List.of()));
        line.setOut(new PrintWriter(out));

        assertThat(line.execute("--exit-after-seconds", "0")).isZero();

        Matcher export = Pattern.compile("export KUBECONFIG=(\\S+)").matcher(out.toString());
        assertThat(export.find()).as(out.toString()).isTrue();
        Path written = Path.of(export.group(1));
        assertThat(written.getParent()).isNotEqualTo(Path.of("").toAbsolutePath());
        assertThat(written.getParent().getFileName().toString()).startsWith("barelb-demo-");
        assertThat(written).doesNotExist();
        assertThat(written.getParent()).doesNotExist();
    }

    @Test
    void holdsTheControllerLeaseSoASecondControllerDoesNotLead() throws Exception {
        try (RunningDemo demo = RunningDemo.start(dir.resolve("lease.kubeconfig"));
             KubernetesClient client = new KubernetesClientBuilder()
                     .withConfig(Config.fromKubeconfig(Files.readString(demo.kubeconfig()))).build()) {
            assertThat(demo.output()).contains("holds the Lease metallb-system/barelb-controller as barelb-demo");
            AtomicBoolean askedToLead = new AtomicBoolean();
            LeaderElectedController second = new LeaderElectedController(client, ControllerOptions.defaults("second"),
                    () -> {
                        askedToLead.set(true);
                        throw new IllegalStateException("the second controller must not lead");
                    }, Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofMillis(500));
            try {
                second.start();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
                while (second.leader() == null && System.nanoTime() < deadline) {
                    Thread.sleep(100);
                }
                Thread.sleep(3000);
                assertThat(second.leader()).isEqualTo(DemoCommand.IDENTITY);
                assertThat(askedToLead).isFalse();
            } finally {
                second.close();
            }
        }
    }

    @Test
    void withoutAnIpamPluginItSaysWhatIsMissing() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new DemoCommand(List.of(), List.of()));
        line.setErr(new PrintWriter(err));

        assertThat(line.execute("--exit-after-seconds", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("no IPAM plugin is loaded");
    }

    @Test
    void theNetworkDemoOutsideTheAssembledDistributionSaysWhatItNeedsInOneLine() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new DemoCommand(List.of(new RangeIpamFactory()), List.of()));
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));

        // no BARELB_HOME here (the launcher sets it), and perhaps no root or a command: each is a one-line refusal
        assertThat(line.execute("--network", "--exit-after-seconds", "0")).isEqualTo(1);
        assertThat(err.toString().strip()).startsWith("demo --network ").doesNotContain("\n").doesNotContain("Exception");
        assertThat(out.toString()).as("nothing started").doesNotContain("embedded Kubernetes API");
    }
}
