package com.example.barelb.routingdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DaemonSettingsTest {

    @Test
    void defaultsAreBirdsUsualPlaces() {
        DaemonSettings settings = DaemonSettings.read(name -> Optional.empty()).settings().orElseThrow();

        assertEquals(new DaemonSettings(Path.of("/etc/bird/barelb-routes.conf"), List.of("birdc", "configure"),
                Duration.ofSeconds(10)), settings);
    }

    @Test
    void everyBadSettingIsNamedWithWhatToWrite() {
        Map<String, String> set = Map.of(DaemonSettings.FILE, "routes.conf", DaemonSettings.TIMEOUT, "soon");

        DaemonSettings.Result result = DaemonSettings.read(name -> Optional.ofNullable(set.get(name)));

        assertEquals(List.of("BARELB_ROUTING_DAEMON_FILE \"routes.conf\" must be an absolute file path, e.g. "
                        + "/etc/bird/barelb-routes.conf",
                "BARELB_ROUTING_DAEMON_TIMEOUT \"soon\" must be a whole number of seconds from 1 to 600"),
                result.problems());
    }
}
