package io.barelb.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.controller.ControllerOptions;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ControllerCommandTest {

    @Test
    void commandLineOptionsBecomeControllerOptions() {
        ControllerCommand command = new ControllerCommand(List.of(), List.of());
        new CommandLine(command).parseArgs("--namespace", "lb", "--lb-class", "example.com/lb", "--identity", "pod-1");

        assertThat(command.options()).isEqualTo(new ControllerOptions("lb", "config", Optional.of("example.com/lb"), "pod-1"));
        ControllerCommand defaults = new ControllerCommand(List.of(), List.of());
        new CommandLine(defaults).parseArgs();
        assertThat(defaults.options().namespace()).isEqualTo("metallb-system");
        assertThat(defaults.options().lbClass()).isEmpty();
    }
}
