package io.barelb.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SpeakerCommandTest {

    private final SpeakerCommand.GoDuration converter = new SpeakerCommand.GoDuration();

    @Test
    void resyncIntervalsAreWrittenWithAUnit() {
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(converter.convert("1h")).isEqualTo(Duration.ofHours(1));
        assertThat(converter.convert("750ms")).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void aValueWithoutAUnitOrNotPositiveSaysHowToWriteIt() {
        for (String bad : new String[] {"5", "0s", "-1m", "5 minutes", ""}) {
            assertThatThrownBy(() -> converter.convert(bad)).isInstanceOf(CommandLine.TypeConversionException.class)
                    .hasMessageContaining("write a positive whole number and a unit, e.g. 30s, 5m or 1h");
        }
    }

    @Test
    void theDefaultIsFiveMinutes() {
        SpeakerCommand command = new SpeakerCommand();
        new CommandLine(command).parseArgs("--node", "node-a");

        assertThat(command.resyncInterval).isEqualTo(Duration.ofMinutes(5));
    }
}
