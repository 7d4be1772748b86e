package io.barelb.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** {@link BenchmarkArguments}: defaults when absent, the value when in its set, a refusal naming the set. */
class BenchmarkArgumentsTest {

    private static final String[] ARGS = {"3", "linkdown"};

    @Test
    void takesTheArgumentOrTheDefault() {
        assertThat(BenchmarkArguments.count(ARGS, 0, 20)).isEqualTo(3);
        assertThat(BenchmarkArguments.word(ARGS, 1, "kill", "linkdown")).isEqualTo("linkdown");
        assertThat(BenchmarkArguments.word(ARGS, 2, "shared", "management")).isEqualTo("shared");
        assertThat(BenchmarkArguments.count(new String[0], 0, 20)).isEqualTo(20);
    }

    @Test
    void refusesAWordOutsideItsSetAndAWordForACount() {
        assertThatThrownBy(() -> BenchmarkArguments.word(new String[] {"3", "linkdwn"}, 1, "kill", "linkdown"))
                .hasMessage("argument 2 is one of kill, linkdown, not linkdwn");
        assertThatThrownBy(() -> BenchmarkArguments.count(new String[] {"kill"}, 0, 20))
                .hasMessage("argument 1 is a count, not kill");
    }
}
