package io.barelb.runtime.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LogFormatTest {

    @Test
    void theFlagWinsOverTheEnvironmentInEitherSpelling() {
        Map<String, String> json = Map.of(LogFormat.VARIABLE, "json");
        assertThat(LogFormat.requested(List.of("speaker", "--log-format=plain"), json)).contains(LogFormat.plain);
        assertThat(LogFormat.requested(List.of("--log-format", "json", "validate", "x.yaml"), Map.of()))
                .contains(LogFormat.json);
        assertThat(LogFormat.requested(List.of("controller"), json)).contains(LogFormat.json);
        assertThat(LogFormat.requested(List.of("controller"), Map.of(LogFormat.VARIABLE, " JSON ")))
                .contains(LogFormat.json);
    }

    @Test
    void plainWithoutEitherAndNothingForAnUnknownFormat() {
        assertThat(LogFormat.requested(List.of("speaker"), Map.of())).contains(LogFormat.plain);
        assertThat(LogFormat.requested(List.of("speaker"), Map.of(LogFormat.VARIABLE, ""))).contains(LogFormat.plain);
        assertThat(LogFormat.requested(List.of("--log-format=xml"), Map.of())).isEqualTo(Optional.empty());
        assertThat(LogFormat.requested(List.of("speaker"), Map.of(LogFormat.VARIABLE, "yaml"))).isEmpty();
    }

    @Test
    void argumentsAfterADoubleDashAreNotOptions() {
        assertThat(LogFormat.requested(List.of("validate", "--", "--log-format=json"), Map.of()))
                .contains(LogFormat.plain);
    }

    @Test
    void theJsonLevelsAreThePlainOnesWithTheSystemPropertiesOverThem() {
        String key = "org.slf4j.simpleLogger.log.io.barelb.runtime.plugin";
        try {
            System.setProperty(key, "warn");
            var levels = JsonLogConfigurator.levels();
            assertThat(levels.getProperty("org.slf4j.simpleLogger.defaultLogLevel")).isEqualTo("info");
            assertThat(levels.getProperty("org.slf4j.simpleLogger.log.io.fabric8.kubernetes.client.dsl.internal"
                    + ".VersionUsageUtils")).isEqualTo("error");
            assertThat(levels.getProperty(key)).isEqualTo("warn");
        } finally {
            System.clearProperty(key);
        }
    }
}
