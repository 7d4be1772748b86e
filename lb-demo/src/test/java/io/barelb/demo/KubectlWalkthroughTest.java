package io.barelb.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import io.barelb.testkit.Requirements;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The MetalLB tutorial, verbatim, with the real {@code kubectl} against {@code barelb demo}: apply the ConfigMap,
 * then the nginx Deployment and Service, see the EXTERNAL-IP, edit and re-apply, describe, list Events, create
 * and delete. Every kubectl call has a timeout, so a hanging API fails the test instead of stalling it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(300)
class KubectlWalkthroughTest {

    private static final long KUBECTL_SECONDS = 30;

    @TempDir
    static Path dir;

    private RunningDemo demo;
    private Path kubeconfig;

    private record Result(int exit, String output) {
    }

    @BeforeAll
    void startDemo() throws Exception {
        Requirements.requireCommands("kubectl");
        kubeconfig = dir.resolve("kubeconfig");
        demo = RunningDemo.start(kubeconfig);
    }

    @AfterAll
    void stopDemo() throws InterruptedException {
        if (demo != null) {
            demo.close();
        }
    }

    private Result kubectl(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString(),
                "--request-timeout=20s", "--cache-dir", dir.resolve("kube-cache").toString()));
        command.addAll(List.of(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).directory(dir.toFile()).start();
        process.getOutputStream().close();
        if (!process.waitFor(KUBECTL_SECONDS, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            fail(String.join(" ", arguments) + " did not finish within " + KUBECTL_SECONDS + " s");
        }
        try (InputStream output = process.getInputStream()) {
            return new Result(process.exitValue(), new String(output.readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    private String ok(String... arguments) throws IOException, InterruptedException {
        Result result = kubectl(arguments);
        assertThat(result.exit()).as("kubectl " + String.join(" ", arguments) + "\n" + result.output()).isZero();
        return result.output();
    }

    private Path tutorialFile(String name) throws IOException {
        Path file = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream("/tutorial/" + name)) {
            Files.write(file, in.readAllBytes());
        }
        return file;
    }

    private Path edited(Path file, String name, String from, String to) throws IOException {
        String text = Files.readString(file);
        assertThat(text).contains(from);
        return Files.writeString(dir.resolve(name), text.replace(from, to));
    }

    @Test
    void theTutorialWorksVerbatim() throws Exception {
        Path config = tutorialFile("metallb-config.yaml");
        Path nginx = tutorialFile("nginx.yaml");

        assertThat(ok("apply", "-f", config.toString())).contains("configmap/config configured");
        assertThat(ok("apply", "-f", nginx.toString()))
                .contains("deployment.apps/nginx created").contains("service/nginx configured");
        assertThat(ok("get", "service"))
                .containsPattern("NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\\(S\\) +AGE\n")
                .containsPattern("nginx +LoadBalancer +10\\.96\\.0\\.10 +192\\.168\\.92\\.200 +80:30080/TCP +\\d+s\n");
        assertThat(ok("get", "all")).contains("service/nginx").contains("deployment.apps/nginx");
        assertThat(ok("get", "deployments")).containsPattern("NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nnginx +0/1 ");

        Path newer = edited(nginx, "nginx-edited.yaml", "image: nginx:1\n", "image: nginx:1.27\n");
        newer = edited(newer, "nginx-edited.yaml", "    targetPort: 80\n",
                "    targetPort: 80\n  - name: https\n    port: 443\n    protocol: TCP\n    targetPort: 443\n");
        assertThat(ok("apply", "-f", newer.toString()))
                .contains("deployment.apps/nginx configured").contains("service/nginx configured");
        assertThat(ok("get", "svc", "nginx")).contains("192.168.92.200   80:30080/TCP,443/TCP");
        assertThat(ok("get", "deployment", "nginx", "-o", "jsonpath={.spec.template.spec.containers[*].image}"))
                .isEqualTo("nginx:1.27");
        ok("apply", "-f", nginx.toString());
        assertThat(ok("get", "svc", "nginx")).contains("192.168.92.200   80:30080/TCP   ");
        assertThat(ok("get", "deployment", "nginx", "-o", "jsonpath={.spec.template.spec.containers[*].image}"))
                .isEqualTo("nginx:1");

        assertThat(ok("describe", "service", "nginx"))
                .contains("LoadBalancer Ingress:  192.168.92.200")
                .containsPattern("Events:\n +Type +Reason +Age +From +Message\n")
                .containsPattern("Normal +IPAllocated +\\S+ +barelb-controller +Assigned IP \\[\"192\\.168\\.92\\.200\"\\]");
        assertThat(ok("get", "events"))
                .containsPattern("LAST SEEN +TYPE +REASON +OBJECT +MESSAGE\n")
                .containsPattern("Normal +IPAllocated +service/nginx +Assigned IP");
    }

    @Test
    void reApplyingACustomResourceReplacesItsLists() throws Exception {
        Path pool = Files.writeString(dir.resolve("pool.yaml"), """
                apiVersion: metallb.io/v1beta1
                kind: IPAddressPool
                metadata:
                  name: walkthrough
                  namespace: metallb-system
                spec:
                  addresses:
                  - 198.51.100.0/28
                  - 198.51.100.64/28
                """);
        assertThat(ok("apply", "-f", pool.toString())).contains("ipaddresspool.metallb.io/walkthrough created");

        Path fewer = edited(pool, "pool-edited.yaml", "  - 198.51.100.0/28\n  - 198.51.100.64/28\n",
                "  - 203.0.113.0/28\n");
        assertThat(ok("apply", "-f", fewer.toString())).contains("ipaddresspool.metallb.io/walkthrough configured");

        assertThat(ok("get", "ipaddresspools.metallb.io", "walkthrough", "-n", "metallb-system", "-o",
                "jsonpath={.spec.addresses}")).isEqualTo("[\"203.0.113.0/28\"]");
        assertThat(ok("delete", "-f", fewer.toString())).contains("deleted");
    }

    @Test
    void anOldApiVersionIsRefusedAsACurrentClusterRefusesIt() throws Exception {
        Path old = edited(tutorialFile("nginx.yaml"), "nginx-v1beta2.yaml", "apiVersion: apps/v1\n",
                "apiVersion: apps/v1beta2\n");

        Result result = kubectl("apply", "-f", old.toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("no matches for kind \"Deployment\" in version \"apps/v1beta2\"");
    }

    @Test
    void createAndDeleteWork() throws Exception {
        assertThat(ok("create", "namespace", "walkthrough")).contains("namespace/walkthrough created");
        assertThat(ok("create", "configmap", "extra", "-n", "walkthrough", "--from-literal=greeting=hello"))
                .contains("configmap/extra created");
        assertThat(ok("get", "configmap", "extra", "-n", "walkthrough", "-o", "jsonpath={.data.greeting}"))
                .isEqualTo("hello");
        assertThat(ok("create", "service", "loadbalancer", "web", "-n", "walkthrough", "--tcp=8080:80"))
                .contains("service/web created");
        assertThat(ok("create", "deployment", "web", "-n", "walkthrough", "--image=nginx:1"))
                .contains("deployment.apps/web created");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String web = ok("get", "svc", "web", "-n", "walkthrough");
        while (!web.matches("(?s).*web +LoadBalancer +<none> +192\\.168\\.92\\.2\\d\\d +8080/TCP.*")) {
            if (System.nanoTime() > deadline) {
                fail("the created Service got no address within 30 s:\n" + web);
            }
            Thread.sleep(200);
            web = ok("get", "svc", "web", "-n", "walkthrough");
        }

        assertThat(ok("delete", "service", "web", "-n", "walkthrough")).contains("service \"web\" deleted");
        assertThat(ok("delete", "deployment", "web", "-n", "walkthrough")).contains("deployment.apps \"web\" deleted");
        Result gone = kubectl("get", "svc", "web", "-n", "walkthrough");
        assertThat(gone.exit()).isNotZero();
        assertThat(gone.output()).contains("NotFound");
        assertThat(ok("delete", "namespace", "walkthrough")).contains("namespace \"walkthrough\" deleted");
    }

    @Test
    void whatTheEmbeddedApiCannotServeFailsQuicklyAndSaysSo() throws Exception {
        long start = System.nanoTime();

        Result result = kubectl("apply", "--server-side", "-f", tutorialFile("metallb-config.yaml").toString());

        assertThat(result.exit()).isNotZero();
        assertThat(result.output()).contains("no server-side apply");
        Result watch = kubectl("get", "services", "--watch");
        assertThat(watch.exit()).isNotZero();
        assertThat(watch.output()).contains("watches over WebSocket only");
        assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)).isLessThan(KUBECTL_SECONDS / 2);
    }
}
