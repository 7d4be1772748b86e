package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.embedded.EmbeddedKubernetes;
import io.barelb.testkit.Requirements;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesList;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code kubectl} and {@code helm} command of a fenced shell block in docs/*.md runs, in page order, against
 * the embedded Kubernetes API (fabric8's mock server behind {@code io.barelb.embedded}: discovery of the built-in
 * kinds and of every CRD applied, Tables with the CRDs' printer columns, the scale subresource) with the real
 * {@code kubectl}, and Helm's own library (helm-java) for {@code helm}; each exits as its page says, and what
 * {@code kubectl apply -f} or {@code helm install} names then exists. The commands run from a folder holding the
 * distribution's {@code manifests/}, {@code charts/} and {@code etc/} and the repository's {@code docs/}.
 *
 * <p>A block preceded by {@code <!-- cluster: SCENE -->} starts a new API set up as {@link #scene} says
 * ({@code empty}; {@code metallb}: a cluster running MetalLB with the configuration and Services of
 * docs/examples/migration; {@code barelb}: BareLB applied with its controller running and a LoadBalancer Service),
 * or, with {@code with-controller}, starts BareLB's controller in the page's API, as the Deployment's Pod would
 * (the embedded API runs no Pods); other blocks go on in the page's API (an empty one at first).
 *
 * <p>A command that cannot run here is listed in {@link #NOT_RUN} with the reason; a command neither run nor listed
 * cannot exist, as the test runs every command it does not find there, and a listed command no page has any more
 * fails the test too.
 */
class DocsClusterCommandsIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
    private static final Duration PATIENCE = Duration.ofSeconds(60);
    private static final Pattern APPLY = Pattern.compile("^kubectl apply -f (\\S+)$");
    private static final String NAMESPACE = KubeObjects.NAMESPACE;

    /** The docs' kubectl and helm commands that need what the embedded API is not, each with the reason. */
    static final Map<String, String> NOT_RUN = Map.of(
            "kubectl describe service NAME",
            "NAME is the reader's Service (kubectl describe against the embedded API: KubectlWalkthroughTest)",
            "kubectl get configmap config -n metallb-system -o yaml > metallb-configmap.yaml",
            "only with the legacy ConfigMap, as the page says: the scene's MetalLB is configured with CRs, as MetalLB "
                    + "0.13 and later are (reading the ConfigMap: LegacyConfigMap tests in lb-runtime)");

    @TempDir
    Path work;

    @Test
    void theDocsKubectlAndHelmCommandsRunAgainstTheEmbeddedApi() throws Exception {
        Requirements.requireCommands("kubectl", "bash");
        Path distribution = AssembledDistribution.home();
        assertThat(distribution.resolve("manifests/barelb.yaml")).as("the assembled distribution").isRegularFile();
        List<DocCommands.Command> commands = DocCommands.inDocs(REPOSITORY).stream()
                .filter(c -> c.program().equals("kubectl") || c.program().equals("helm")).toList();
        Map<String, List<DocCommands.Command>> byPage = new LinkedHashMap<>();
        commands.forEach(c -> byPage.computeIfAbsent(c.page(), p -> new ArrayList<>()).add(c));
        SoftAssertions softly = new SoftAssertions();
        List<String> ran = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        int scenes = 0;
        for (Map.Entry<String, List<DocCommands.Command>> page : byPage.entrySet()) {
            Scene scene = null;
            int block = 0;
            try {
                for (DocCommands.Command command : page.getValue()) {
                    String where = command.page() + ":" + command.line() + " `" + command.text() + "`";
                    if (command.block() != block && command.cluster() != null) {
                        scene = scene(command.cluster(), scene, distribution, ++scenes);
                    }
                    block = command.block();
                    if (scene == null) {
                        scene = scene("empty", null, distribution, ++scenes);
                    }
                    String why = NOT_RUN.get(command.text());
                    if (why != null) {
                        notRun.add(where + ": " + why);
                        continue;
                    }
                    long start = System.nanoTime();
                    String outcome = scene.run(command, softly, where);
                    ran.add(where + ": " + outcome + " (" + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)
                            + " ms)");
                }
                if (page.getKey().equals("docs/install.md") && scene != null) {
                    thePoolsPrintTheirCrdsColumns(scene, distribution, softly);
                    scene.close();
                    scene = scene("empty", null, distribution, ++scenes);
                    ran.addAll(theChartsNotesCommandsRun(scene, softly));
                }
                if (page.getKey().equals("docs/migration.md") && scene != null) {
                    theExportIsWhatBarelbReads(scene, distribution, softly);
                }
            } finally {
                if (scene != null) {
                    scene.close();
                }
            }
        }
        System.out.println("docs kubectl/helm commands run (" + ran.size() + "):\n  " + String.join("\n  ", ran));
        System.out.println("docs kubectl/helm commands not run (" + notRun.size() + "):\n  " + String.join("\n  ", notRun));
        softly.assertThat(NOT_RUN.keySet()).as("NOT_RUN lists only commands the docs still have")
                .allSatisfy(text -> assertThat(commands).anyMatch(c -> c.text().equals(text)));
        softly.assertThat(ran).as("the install, migration and troubleshooting commands").hasSizeGreaterThanOrEqualTo(15);
        softly.assertAll();
    }

    /**
     * After the Helm install of docs/install.md: {@code kubectl get ipaddresspools} prints NAME and the columns of the
     * CRD's {@code additionalPrinterColumns}, in the CRD's order, with the chart's pool in them.
     */
    private static void thePoolsPrintTheirCrdsColumns(Scene scene, Path distribution, SoftAssertions softly)
            throws Exception {
        io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition crd = objects(
                distribution.resolve("charts/barelb/crds/ipaddresspools.barelb.io-v1.yml")).stream()
                .map(io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition.class::cast)
                .findFirst().orElseThrow();
        List<String> columns = new ArrayList<>(List.of("NAME"));
        Map<String, String> values = Map.of(".spec.addresses", "\\[\"192\\.0\\.2\\.10-192\\.0\\.2\\.20\"]",
                ".spec.autoAssign", "true", ".spec.avoidBuggyIPs", "false");
        List<String> cells = new ArrayList<>(List.of("default"));
        crd.getSpec().getVersions().get(0).getAdditionalPrinterColumns().forEach(c -> {
            columns.add(c.getName().toUpperCase(java.util.Locale.ROOT));
            cells.add(values.getOrDefault(c.getJsonPath(), "\\S*"));
        });
        String table = scene.kubectl("get ipaddresspools.barelb.io -n " + NAMESPACE).output();
        softly.assertThat(table).as("kubectl get ipaddresspools")
                .containsPattern(String.join(" +", columns) + "\n").containsPattern(String.join(" +", cells) + "\n");
    }

    /**
     * The commands the chart's notes print after {@code helm install} without pools (label the namespace, add a pool
     * with {@code helm upgrade}, check the configuration) run as they are printed, in a release of their own.
     */
    private static List<String> theChartsNotesCommandsRun(Scene scene, SoftAssertions softly) throws Exception {
        String install = "helm install barelb charts/barelb-0.1.0.tgz -n lb-notes --create-namespace";
        String notes = HelmDocCommand.parse(HelmDocCommand.words(install)).run(scene.dir, scene.kubeconfig);
        List<String> commands = new ArrayList<>();
        StringBuilder joined = new StringBuilder();
        for (String line : notes.lines().toList()) {
            String text = joined.isEmpty() ? line.replaceFirst("^.*?(?=\\b(kubectl|helm) )", "") : line.strip();
            if (joined.isEmpty() && !text.startsWith("kubectl ") && !text.startsWith("helm ")) {
                continue;
            }
            joined.append(joined.isEmpty() ? "" : " ").append(text.strip());
            if (joined.toString().endsWith("\\")) {
                joined.setLength(joined.length() - 1);
                joined.setLength(joined.toString().stripTrailing().length());
            } else {
                commands.add(joined.toString());
                joined.setLength(0);
            }
        }
        softly.assertThat(commands).as("the notes' commands\n" + notes).hasSize(3);
        List<String> ran = new ArrayList<>();
        for (String text : commands) {
            String where = "charts/barelb/templates/NOTES.txt `" + text + "`";
            DocCommands.Command command = new DocCommands.Command("charts/barelb/templates/NOTES.txt", 0, 0,
                    List.of(text.split("\\s+")), null, 0, null, "");
            ran.add(where + ": " + scene.run(command, softly, where));
        }
        return ran;
    }

    /**
     * After docs/migration.md: the files its export wrote are what {@code barelb plan} reads, and it keeps every
     * address MetalLB gave, as the page's offline check of docs/examples/migration says.
     */
    private static void theExportIsWhatBarelbReads(Scene scene, Path distribution, SoftAssertions softly)
            throws Exception {
        try (LaunchedProcess plan = LaunchedProcess.start(distribution, scene.dir, "plan", Map.of(), List.of("plan",
                "--config", scene.dir.resolve("metallb-config.yaml").toString(), "--services",
                scene.dir.resolve("services.yaml").toString()))) {
            softly.assertThat(plan.exitCode(PATIENCE)).as("barelb plan on the export\n" + plan.out() + plan.err())
                    .isZero();
            softly.assertThat(plan.out()).contains("keep    default/web [\"192.0.2.15\"]")
                    .contains("keep    default/legacy [\"198.51.100.3\"]").contains("0 change, 0 lose");
        }
    }

    /** The scene {@code name} (see the class comment), {@code current} being the page's so far. */
    private Scene scene(String name, Scene current, Path distribution, int number) throws Exception {
        if (name.equals("with-controller")) {
            assertThat(current).as("with-controller needs a cluster before it").isNotNull();
            current.startController();
            return current;
        }
        if (current != null) {
            current.close();
        }
        Scene scene = new Scene(distribution, Files.createDirectories(work.resolve("scene-" + number + "-" + name)));
        switch (name) {
            case "empty" -> {
            }
            case "metallb" -> {
                scene.create(distribution.resolve("manifests/metallb-crds.yaml"));
                scene.create(Path.of("src/test/resources/docs-clusters/metallb.yaml"));
                scene.create(REPOSITORY.resolve("docs/examples/migration/metallb-config.yaml"));
                scene.create(REPOSITORY.resolve("docs/examples/migration/services.yaml"));
            }
            case "barelb" -> {
                scene.create(distribution.resolve("manifests/barelb.yaml"));
                scene.create(distribution.resolve("manifests/metallb-crds.yaml"));
                scene.create(distribution.resolve("etc/ipaddresspool.yaml"));
                scene.client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata()
                        .withName("web").withNamespace("default").endMetadata().withNewSpec().withType("LoadBalancer")
                        .addNewPort().withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();
                scene.startController();
            }
            default -> throw new AssertionError("no scene " + name + " (<!-- cluster: NAME -->): empty, metallb, "
                    + "barelb, with-controller; add it to DocsClusterCommandsIT.scene");
        }
        return scene;
    }

    private record Result(int exit, String output) {
    }

    /** One embedded API, a kubeconfig for it and a folder to run commands in; maybe BareLB's controller. */
    private static final class Scene implements AutoCloseable {

        private final Path distribution;
        private final Path dir;
        private final EmbeddedKubernetes api;
        private final KubernetesClient client;
        private final Path kubeconfig;
        private LaunchedProcess controller;

        Scene(Path distribution, Path dir) throws IOException {
            this.distribution = distribution;
            this.dir = dir;
            // no custom type up front: as in a cluster, only the CRDs applied are served (MetalLB's group alone
            // before BareLB's CRDs are installed, so kubectl's short plurals mean what they mean there)
            this.api = EmbeddedKubernetes.start(0, List.of());
            this.client = api.newClient();
            this.kubeconfig = api.writeKubeconfig(dir.resolve(".kubeconfig"));
            for (String folder : List.of("manifests", "charts", "etc")) {
                Files.createSymbolicLink(dir.resolve(folder), distribution.resolve(folder));
            }
            Files.createSymbolicLink(dir.resolve("docs"), REPOSITORY.resolve("docs"));
        }

        /** Creates every object of {@code file} (CRDs first, as the files list them). */
        void create(Path file) throws IOException {
            for (HasMetadata object : objects(file)) {
                client.resource(object).create();
            }
        }

        /** Starts {@code barelb controller} against this API and waits for its ConfigurationState. */
        void startController() throws Exception {
            controller = LaunchedProcess.start(distribution, dir, "controller", Map.of(), List.of("controller",
                    "--kubeconfig", kubeconfig.toString(), "--metrics-port", "0", "--identity", "docs"));
            long deadline = System.nanoTime() + PATIENCE.toNanos();
            while (client.genericKubernetesResources("barelb.io/v1beta1", "ConfigurationState").inNamespace(NAMESPACE)
                    .withName("controller").get() == null) {
                assertThat(controller.alive()).as("the controller runs; stderr:\n" + controller.err()).isTrue();
                assertThat(System.nanoTime()).as("the controller wrote its ConfigurationState within " + PATIENCE
                        + "; stderr:\n" + controller.err()).isLessThan(deadline);
                Thread.sleep(200);
            }
        }

        /** Runs {@code command}, checking its exit code and what it promised to create; a line for the report. */
        String run(DocCommands.Command command, SoftAssertions softly, String where) throws Exception {
            if (command.program().equals("helm")) {
                HelmDocCommand helm = HelmDocCommand.parse(HelmDocCommand.words(command.text()));
                try {
                    helm.run(dir, kubeconfig);
                } catch (RuntimeException failed) {
                    softly.fail(where + " failed: " + failed.getMessage());
                    return "failed";
                }
                if (helm.subcommand().equals("install") || helm.subcommand().equals("upgrade")) {
                    exist(softly, where, SERIALIZATION.unmarshal(helm.template(dir)) instanceof List<?> list
                            ? list.stream().map(HasMetadata.class::cast).toList() : List.of());
                    exist(softly, where, crdsOf(dir.resolve(helm.chart())));
                }
                return "ran (helm-java)";
            }
            Result result = kubectl(command.text());
            softly.assertThat(result.exit()).as(where + " exit code\n" + result.output()).isEqualTo(command.expectedExit());
            if (command.text().contains("-o jsonpath=") && command.comment().matches("\\w+")) {
                softly.assertThat(result.output().strip()).as(where + " prints what its comment says")
                        .isEqualTo(command.comment());
            }
            Matcher apply = APPLY.matcher(command.text());
            if (result.exit() == 0 && apply.matches()) {
                exist(softly, where, objects(dir.resolve(apply.group(1))));
            }
            return "exit " + result.exit();
        }

        /** {@code bash -c text} with this scene's kubeconfig, in its folder. */
        Result kubectl(String text) throws IOException, InterruptedException {
            String line = text.startsWith("kubectl ") ? text : "kubectl " + text;
            ProcessBuilder builder = new ProcessBuilder("bash", "-c", line).directory(dir.toFile())
                    .redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("KUBECONFIG", kubeconfig.toString());
            builder.environment().put("KUBECACHEDIR", dir.resolve(".kube-cache").toString());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(PATIENCE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly();
                return new Result(-1, "did not finish within " + PATIENCE + "\n" + output);
            }
            return new Result(process.exitValue(), output);
        }

        private void exist(SoftAssertions softly, String where, List<HasMetadata> objects) {
            softly.assertThat(objects).as(where + " names objects").isNotEmpty();
            for (HasMetadata object : objects) {
                softly.assertThat(client.resource(object).get())
                        .as(where + " then " + object.getKind() + " " + object.getMetadata().getName() + " exists")
                        .isNotNull();
            }
        }

        @Override
        public void close() throws Exception {
            if (controller != null) {
                controller.close();
            }
            api.close();
            for (String link : List.of("manifests", "charts", "etc", "docs")) {
                Files.deleteIfExists(dir.resolve(link));
            }
        }
    }

    private static List<HasMetadata> crdsOf(Path chart) throws IOException {
        Path folder = chart.toString().endsWith(".tgz") ? chart.resolveSibling("barelb").resolve("crds") : chart.resolve("crds");
        List<HasMetadata> crds = new ArrayList<>();
        try (var files = Files.list(folder)) {
            for (Path file : files.sorted().toList()) {
                crds.addAll(objects(file));
            }
        }
        return crds;
    }

    /** The objects of a YAML file: its documents, a {@code kind: List}'s items. */
    static List<HasMetadata> objects(Path file) throws IOException {
        Object parsed = SERIALIZATION.unmarshal(Files.readString(file));
        List<HasMetadata> objects = new ArrayList<>();
        for (Object document : parsed instanceof List<?> list ? list : List.of(parsed)) {
            if (document instanceof KubernetesList items) {
                objects.addAll(items.getItems());
            } else if (document instanceof HasMetadata object) {
                objects.add(object);
            }
        }
        return objects;
    }
}
