package io.barelb.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.plugin.LbPlugin;
import java.util.ServiceLoader;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The configuration table: every {@code config/cases/NAME.yaml} is read and validated, and the outcome must
 * equal {@code NAME.expected} exactly: either {@code valid} and the summary lines, or {@code invalid} and every
 * problem, one per line, in order; then every notice (a kind nobody claims).
 */
class ConfigCasesTest {

    private static final Path CASES = casesDirectory();

    static Stream<String> cases() throws IOException {
        try (Stream<Path> files = Files.list(CASES)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
                    .map(n -> n.substring(0, n.length() - 5)).sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void outcomeIsExactlyAsExpected(String name) throws IOException {
        String input = Files.readString(CASES.resolve(name + ".yaml"), StandardCharsets.UTF_8);
        String expected = Files.readString(CASES.resolve(name + ".expected"), StandardCharsets.UTF_8).strip();

        assertThat(outcome(name + ".yaml", input)).isEqualTo(expected);
    }

    @Test
    void theTableHasAtLeastSixtyCasesCoveringEveryInputForm() throws IOException {
        List<String> names = cases().toList();

        assertThat(names).hasSizeGreaterThanOrEqualTo(60);
        assertThat(names).anyMatch(n -> n.startsWith("legacy-")).anyMatch(n -> n.startsWith("cr-"));
        long valid = names.stream().filter(n -> {
            try {
                return Files.readString(CASES.resolve(n + ".expected")).startsWith("valid");
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }).count();
        assertThat(valid).as("valid cases").isGreaterThanOrEqualTo(10);
        assertThat(names.size() - valid).as("invalid cases").isGreaterThanOrEqualTo(40);
    }

    /**
     * The outcome with the announcer plugins on the test class path (layer2 and bgp, found with ServiceLoader as the
     * runtime finds plugins) and entries judged by syntax: the BGP kinds by the bgp plugin's rules, with the pools
     * through {@code ValidationContext.pools()}. Notices follow as {@code notice} lines.
     */
    static String outcome(String source, String yaml) {
        List<AnnouncerFactory> announcers = ServiceLoader.load(LbPlugin.class).stream()
                .flatMap(provider -> provider.get().announcerFactories().stream()).toList();
        ConfigValidator validator = new ConfigValidator(List.of(), announcers);
        Validation validation = validator.validate(validator.reader().readYaml(source, yaml));
        List<String> lines = new ArrayList<>();
        if (validation.valid()) {
            lines.add("valid");
            lines.addAll(validation.summary());
        } else {
            lines.add("invalid");
            validation.problems().stream().map(ConfigProblem::message).forEach(lines::add);
        }
        validation.notices().forEach(notice -> lines.add("notice " + notice.message()));
        return String.join("\n", lines);
    }

    private static Path casesDirectory() {
        try {
            return Path.of(ConfigCasesTest.class.getResource("/config/cases").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
