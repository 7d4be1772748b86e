package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * A page of docs/ that shows a file of the repository does so as {@code <!-- file: PATH -->} followed by a fenced
 * block holding the file's text verbatim; the file is what a test runs (the router examples in
 * {@code RouterExamplesLabIT}), so this keeps the page true.
 */
class DocsIncludesTest {

    static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INCLUDE = Pattern.compile("<!-- file: (\\S+) -->\\n```[a-z]*\\n(.*?)```\\n",
            Pattern.DOTALL);

    record Include(Path page, String file, String shown) {
    }

    static List<Include> includes() throws IOException {
        List<Include> found = new ArrayList<>();
        try (Stream<Path> pages = Files.list(REPOSITORY.resolve("docs"))) {
            for (Path page : pages.filter(p -> p.toString().endsWith(".md")).sorted().toList()) {
                Matcher m = INCLUDE.matcher(Files.readString(page));
                while (m.find()) {
                    found.add(new Include(page, m.group(1), m.group(2)));
                }
            }
        }
        return found;
    }

    @Test
    void everyShownFileIsShownVerbatim() throws IOException {
        List<Include> includes = includes();
        for (Include include : includes) {
            Path file = REPOSITORY.resolve(include.file());
            assertThat(file).as("%s shows %s, which does not exist", include.page(), include.file()).isRegularFile();
            assertThat(include.shown()).as("%s must show %s verbatim (copy the file into the fenced block)",
                    REPOSITORY.relativize(include.page()), include.file()).isEqualTo(Files.readString(file));
        }
        assertThat(includes).extracting(Include::file).as("the router examples RouterExamplesLabIT runs, on docs/bgp.md")
                .contains("docs/examples/routers/barelb.yaml", "docs/examples/routers/bird.conf",
                        "docs/examples/routers/frr.conf");
    }
}
