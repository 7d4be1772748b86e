package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.testkit.NetnsLab;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * Every {@code barelb} command of a fenced {@code sh} block in docs/*.md that needs no cluster, root or running
 * speaker ({@link DocCommands#whyNotRun}) runs with the assembled launcher, in the folder its page names (else the
 * distribution folder), and exits as the page says (0, or its {@code # exit N}), without a stack trace. The
 * commands not run are printed with the reason, for whoever runs them by hand.
 */
class DocsCommandsIT {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

    @Test
    void theDocsCommandsRunAsTheyPromise() throws Exception {
        Path distribution = AssembledDistribution.home();
        Path launcher = distribution.resolve("bin/barelb");
        assertThat(launcher).as("assembled launcher").isExecutable();
        List<DocCommands.Command> commands = DocCommands.barelbInDocs(REPOSITORY);
        List<String> ran = new ArrayList<>();
        List<String> notRun = new ArrayList<>();
        SoftAssertions softly = new SoftAssertions();
        for (DocCommands.Command command : commands) {
            Path workDir = command.runIn() == null ? distribution : REPOSITORY.resolve(command.runIn());
            String where = command.page() + ":" + command.line() + " `" + command.text() + "`";
            Optional<String> why = DocCommands.whyNotRun(command, workDir);
            if (why.isPresent()) {
                notRun.add(where + ": " + why.get());
                continue;
            }
            List<String> line = new ArrayList<>(command.words());
            line.set(0, launcher.toString());
            ProcessBuilder builder = new ProcessBuilder(line).directory(workDir.toFile()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            builder.environment().put("JAVA", NetnsLab.javaBin());
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                softly.fail(where + " did not finish within 60 s");
                continue;
            }
            softly.assertThat(process.exitValue()).as(where + " exit code\n" + output).isEqualTo(command.expectedExit());
            softly.assertThat(output).as(where + " prints something, and no stack trace").isNotBlank()
                    .doesNotContain("\tat ").doesNotContain("Exception in thread");
            ran.add(where + ": exit " + process.exitValue());
        }
        System.out.println("docs commands run (" + ran.size() + "):\n  " + String.join("\n  ", ran));
        System.out.println("docs commands not run (" + notRun.size() + "):\n  " + String.join("\n  ", notRun));
        softly.assertThat(ran).as("the pages' offline commands (validate, plan --services, plugins, help)")
                .hasSizeGreaterThanOrEqualTo(8);
        softly.assertAll();
    }
}
