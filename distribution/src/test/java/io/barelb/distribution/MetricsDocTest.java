package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/metrics.md is the metrics reference: every metric name written in the production sources of the runtime and
 * the built-in plugins ({@code "metallb_..."} or {@code "barelb_..."} string literals) appears on it.
 */
class MetricsDocTest {

    private static final Path REPOSITORY = DocsIncludesTest.REPOSITORY;
    private static final Pattern NAME = Pattern.compile("\"((?:metallb|barelb)_[a-z0-9_]+)\"");

    static Set<String> metricNamesInTheCode() throws IOException {
        Set<String> names = new TreeSet<>();
        for (String module : new String[] {"lb-runtime", "announcer-layer2", "announcer-bgp"}) {
            try (Stream<Path> files = Files.walk(REPOSITORY.resolve(module).resolve("src/main/java"))) {
                for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                    Matcher m = NAME.matcher(Files.readString(file));
                    while (m.find()) {
                        names.add(m.group(1));
                    }
                }
            }
        }
        return names;
    }

    @Test
    void everyMetricOfTheCodeIsOnTheReferencePage() throws IOException {
        Set<String> names = metricNamesInTheCode();
        String page = Files.readString(REPOSITORY.resolve("docs/metrics.md"));

        assertThat(names).as("the metric names found in the sources").contains("metallb_bgp_session_up",
                "barelb_speaker_withheld", "metallb_allocator_addresses_total");
        assertThat(names).filteredOn(n -> !page.contains("`" + n + "`"))
                .as("metrics missing from docs/metrics.md (add a row: type, labels, meaning, MetalLB's or not)").isEmpty();
    }
}
