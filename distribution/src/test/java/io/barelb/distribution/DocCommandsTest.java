package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@link DocCommands} reads a page and sorts its commands into run and not run, on a page written here. */
class DocCommandsTest {

    private static final String PAGE = """
            Some text.

            ```sh
            kubectl get nodes
            barelb --version
            $ bin/barelb validate --strict \\
                conf.yaml   # exit 1 when it warns
            barelb validate FILE...        # the same rules, offline
            ```

            ```
            barelb plan --config ignored.yaml
            ```

            <!-- run in: docs/examples/migration -->
            ```sh
            barelb plan --config c.yaml --services s.yaml
            barelb plan --config c.yaml
            barelb speaker --static /etc/barelb --node node-1
            barelb validate my-own.yaml
            barelb validate - < c.yaml
            setpriv --inh-caps=-all bin/barelb speaker
            helm install barelb charts/barelb-0.1.0.tgz
            ```
            """;

    @TempDir
    Path dir;

    @Test
    void keepsEveryProgramsCommandsWithTheirBlockAndCluster() {
        String page = """
                <!-- cluster: metallb -->
                ```sh
                kubectl get svc -A | grep LoadBalancer   # the addresses
                # a comment line
                helm install barelb charts/barelb-0.1.0.tgz \\
                  --set 'a=b'
                ```

                ```console
                $ kubectl get pods
                NAME   READY
                ```
                """;

        List<DocCommands.Command> commands = DocCommands.parse("p.md", page);

        assertThat(commands).extracting(DocCommands.Command::text).containsExactly(
                "kubectl get svc -A | grep LoadBalancer", "helm install barelb charts/barelb-0.1.0.tgz --set 'a=b'",
                "kubectl get pods");
        assertThat(commands).extracting(DocCommands.Command::block).containsExactly(1, 1, 2);
        assertThat(commands).extracting(DocCommands.Command::cluster).containsExactly("metallb", "metallb", null);
        assertThat(commands.get(0).comment()).isEqualTo("the addresses");
        assertThat(commands).noneMatch(DocCommands.Command::runsBarelb);
    }

    @Test
    void splitsALineIntoSimpleCommandsOutsideQuotesAndSubstitutions() {
        assertThat(DocCommands.simpleCommands("cat /proc/loadavg; rm -rf image/target")).containsExactly(
                List.of("cat", "/proc/loadavg"), List.of("rm", "-rf", "image/target"));
        assertThat(DocCommands.simpleCommands("mkdir -p a && cp x.jar a/ | grep -E '^a_|^b_' 2>&1")).containsExactly(
                List.of("mkdir", "-p", "a"), List.of("cp", "x.jar", "a/"), List.of("grep", "-E", "^a_|^b_", "2>&1"));
        assertThat(DocCommands.simpleCommands("CP=\"$(cat t/cp.txt):t/classes\" java -cp \"$CP\" X 'a|b;c'"))
                .containsExactly(List.of("CP=$(cat t/cp.txt):t/classes", "java", "-cp", "$CP", "X", "a|b;c"));
        assertThat(DocCommands.simpleCommands("java -cp $(cat a | head -1):b X")).containsExactly(
                List.of("java", "-cp", "$(cat a | head -1):b", "X"));
    }

    @Test
    void readsShellBlocksOnlyJoinsContinuationsAndTakesTheFolderAndTheExitCode() {
        List<DocCommands.Command> commands = DocCommands.parse("p.md", PAGE).stream()
                .filter(DocCommands.Command::runsBarelb).toList();

        assertThat(commands).extracting(DocCommands.Command::text).containsExactly(
                "barelb --version", "bin/barelb validate --strict conf.yaml", "barelb validate FILE...",
                "barelb plan --config c.yaml --services s.yaml", "barelb plan --config c.yaml",
                "barelb speaker --static /etc/barelb --node node-1", "barelb validate my-own.yaml",
                "barelb validate - < c.yaml", "setpriv --inh-caps=-all bin/barelb speaker");
        assertThat(commands.get(1).line()).isEqualTo(6);
        assertThat(commands.get(1).expectedExit()).isEqualTo(1);
        assertThat(commands.get(0).expectedExit()).isZero();
        assertThat(commands.get(0).runIn()).isNull();
        assertThat(commands.get(3).runIn()).isEqualTo("docs/examples/migration");
    }

    @Test
    void runsOnlyWhatNeedsNoClusterNoRootAndNoFileOfTheReaders() throws IOException {
        Files.writeString(dir.resolve("c.yaml"), "");
        Files.writeString(dir.resolve("s.yaml"), "");
        List<String> reasons = DocCommands.parse("p.md", PAGE).stream().filter(DocCommands.Command::runsBarelb)
                .map(c -> DocCommands.whyNotRun(c, dir).orElse("run")).toList();

        assertThat(reasons).containsExactly("run", "run", "has a placeholder (FILE...) for the reader's own value",
                "run", "needs a cluster (the Kubernetes API)",
                "a daemon that announces on the node (root, the node's network)",
                "names the reader's own file (my-own.yaml)", "uses the shell (pipes, redirections or substitutions)",
                "runs barelb under setpriv (needs root or the node)");
    }
}
