package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.Test;

/**
 * The docs' commands of other programs than {@code barelb}, {@code kubectl} and {@code helm} (those run in
 * {@link DocsCommandsIT} and {@link DocsClusterCommandsIT}): each holds against the repository as
 * {@link DocCommandChecks} reads it (modules, test classes, properties, modes, benchmarks, result files), and each is
 * in the ledger {@code docs-commands-run.tsv} (this module's test resources): run by a test, run by hand on a date
 * with its exit status and a line of its result, or not run with the reason. A new command fails until it is run and
 * recorded; a row whose command no page has any more fails too.
 */
class DocsOtherCommandsTest {

    private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Path LEDGER = Path.of("src/test/resources/docs-commands-run.tsv");
    private static final List<String> COLUMNS = List.of("page", "command", "how", "date", "parameters", "exit",
            "result");

    private final DocCommandChecks checks = new DocCommandChecks(new RepositorySources(REPOSITORY));

    @Test
    void everyOtherProgramsCommandHoldsAgainstTheRepository() throws IOException {
        List<DocCommandChecks.Finding> findings = checks.check(DocCommands.inDocs(REPOSITORY));
        SoftAssertions softly = new SoftAssertions();
        List<String> unchecked = new ArrayList<>();
        for (DocCommandChecks.Finding finding : findings) {
            softly.assertThat(finding.problems()).as(finding.where()).isEmpty();
            finding.unchecked().forEach(u -> unchecked.add(finding.where() + ": " + u));
        }
        System.out.println("docs commands of other programs checked (" + findings.size() + "), not statically ("
                + unchecked.size() + "):\n  " + String.join("\n  ", unchecked));
        softly.assertThat(findings).as("the pages' mvn, java, bench.sh, cat ... commands").hasSizeGreaterThan(40);
        softly.assertAll();
    }

    @Test
    void aRottedCommandIsRejected() {
        String page = """
                ```sh
                mvn -B -q -pl distribution -am verify -Dtest=NoSuchTest -Dit.test=BfdSoakLabIT -Dbarelb.bfd.soak.secs=60
                mvn -B -q -pl announcer-bgp -am verify -Dit.test=BfdDetectionLabIT
                mvn -B -q -pl lb-nothing -am package
                mvn -B -q -pl lb-runtime -am verify -Dtest=AllocatorRandomizedTest
                mvn -B -q -pl image -am package -Dimage.bsae=local
                java -cp distribution/target/test-classes io.barelb.distribution.FootprintBenchmark speakers
                java -cp x io.barelb.distribution.NoSuchBenchmark
                lb-runtime/bench.sh -f 1 -p entries=10.0.0.0/16 PoolChurnBenchmark
                lb-runtime/bench.sh -f 1 PoolChurnBench
                lb-api/bench.sh footprint
                cat distribution/target/bfd-nothing.txt
                cd announcer-layer3
                wget http://example.com/
                ```
                """;

        List<DocCommandChecks.Finding> findings = checks.check(DocCommands.parse("docs/bite.md", page));

        assertThat(findings).extracting(f -> String.join("; ", f.problems())).containsExactly(
                "mvn -Dbarelb.bfd.soak.secs: no source of [distribution, lb-runtime, lb-demo, ipam-range, ipam-cidr, "
                        + "announcer-layer2, announcer-bgp, lb-api] reads it",
                "mvn -Dit.test=BfdDetectionLabIT: no test class BfdDetectionLabIT in [announcer-bgp]",
                "mvn -pl lb-nothing: no such Maven project",
                "mvn verify -am without -Dit.test: runs every integration test of the modules it builds; name them, or "
                        + "use test",
                "mvn -Dimage.bsae: neither a plugin property the docs use nor one a pom.xml of [image] or the root's holds",
                "java io.barelb.distribution.FootprintBenchmark ... speakers: the class never names speakers",
                "java io.barelb.distribution.NoSuchBenchmark: no such class under any project's src/main/java or "
                        + "src/test/java",
                "bench.sh -p entries: no @Param field entries in PoolChurnBenchmark",
                "bench.sh PoolChurnBench: no JMH benchmark class PoolChurnBench in lb-runtime's tests",
                "bench.sh: no such script at lb-api/bench.sh",
                "cat distribution/target/bfd-nothing.txt: no source or pom.xml of distribution writes bfd-nothing.txt",
                "cd announcer-layer3: no such folder in the repository",
                "an unknown program wget: check it in DocCommandChecks, or list it in NOT_STATIC with the reason it "
                        + "cannot be checked");
    }

    @Test
    void everyOtherProgramsCommandIsInTheLedger() throws IOException {
        Map<String, List<String>> rows = ledger();
        List<String> commands = DocCommands.inDocs(REPOSITORY).stream().filter(DocCommandChecks::isOther)
                .map(c -> c.page() + "\t" + c.text()).distinct().toList();
        SoftAssertions softly = new SoftAssertions();
        softly.assertThat(rows.keySet()).as("the ledger " + LEDGER + " (page TAB command): add a row for each after "
                + "running it").containsAll(commands);
        softly.assertThat(commands).as("ledger rows whose command no page has any more").containsAll(rows.keySet());
        rows.forEach((key, row) -> {
            String how = row.get(2);
            softly.assertThat(how).as(key + ": how").matches("hand|not run|test [A-Z]\\w+");
            if (!how.equals("not run")) {
                softly.assertThat(row.get(3)).as(key + ": date").matches("\\d{4}-\\d{2}-\\d{2}");
                softly.assertThat(row.get(5)).as(key + ": exit status").matches("\\d+");
            }
            softly.assertThat(row.get(6)).as(key + ": one line of result, or why it was not run").isNotBlank();
        });
        softly.assertAll();
    }

    /** The ledger's rows by page and command, each with all its columns. */
    private static Map<String, List<String>> ledger() throws IOException {
        Map<String, List<String>> rows = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(LEDGER).stream().filter(l -> !l.isBlank() && !l.startsWith("#")).toList();
        assertThat(List.of(lines.get(0).split("\t"))).as("the ledger's header").isEqualTo(COLUMNS);
        for (String line : lines.subList(1, lines.size())) {
            List<String> row = List.of(line.split("\t", -1));
            assertThat(row).as("a ledger row of " + COLUMNS.size() + " columns: " + line).hasSize(COLUMNS.size());
            assertThat(rows.put(row.get(0) + "\t" + row.get(1), row)).as("one row per command: " + line).isNull();
        }
        return rows;
    }
}
