package io.barelb.demo;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.ipam.cidr.CidrIpamFactory;
import io.barelb.ipam.range.RangeIpamFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    void withoutAnIpamPluginItSaysWhatIsMissing() {
        StringWriter err = new StringWriter();
        CommandLine line = new CommandLine(new DemoCommand(List.of(), List.of()));
        line.setErr(new PrintWriter(err));

        assertThat(line.execute("--exit-after-seconds", "0")).isEqualTo(1);
        assertThat(err.toString()).contains("no IPAM plugin is loaded");
    }
}
