package com.example.barelb.routingdaemon;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Where this node's routing daemon reads its routes and how to make it read them again, from the plugin's settings
 * (an environment variable of the name, or the system property {@code barelb.routing.daemon.file} and so on).
 *
 * @param file    {@value #FILE}: the include file to write, default {@value #DEFAULT_FILE}; the daemon's configuration
 *                includes it
 * @param reload  {@value #RELOAD}: the command that makes the daemon read its configuration again, split at spaces,
 *                default {@value #DEFAULT_RELOAD}; it must exit 0 when the daemon took the file
 * @param timeout {@value #TIMEOUT}: how long the command may run, in seconds, default 10
 */
record DaemonSettings(Path file, List<String> reload, Duration timeout) {

    static final String FILE = "BARELB_ROUTING_DAEMON_FILE";
    static final String RELOAD = "BARELB_ROUTING_DAEMON_RELOAD";
    static final String TIMEOUT = "BARELB_ROUTING_DAEMON_TIMEOUT";
    static final String DEFAULT_FILE = "/etc/bird/barelb-routes.conf";
    static final String DEFAULT_RELOAD = "birdc configure";

    DaemonSettings {
        reload = List.copyOf(reload);
    }

    /**
     * The settings {@code lookup} answers; every wrong value at once, each naming the setting and what to write.
     */
    static Result read(Function<String, Optional<String>> lookup) {
        List<String> problems = new ArrayList<>();
        String fileText = lookup.apply(FILE).orElse(DEFAULT_FILE).strip();
        Path file = Path.of(fileText);
        if (!file.isAbsolute() || file.getFileName() == null) {
            problems.add(FILE + " \"" + fileText + "\" must be an absolute file path, e.g. " + DEFAULT_FILE);
        }
        List<String> reload = List.of(lookup.apply(RELOAD).orElse(DEFAULT_RELOAD).strip().split("\\s+"));
        if (reload.get(0).isEmpty()) {
            problems.add(RELOAD + " is empty: set the command that reloads the daemon, e.g. \"" + DEFAULT_RELOAD + "\"");
        }
        String timeoutText = lookup.apply(TIMEOUT).orElse("10").strip();
        long seconds = -1;
        try {
            seconds = Long.parseLong(timeoutText);
        } catch (NumberFormatException e) {
            // reported below
        }
        if (seconds < 1 || seconds > 600) {
            problems.add(TIMEOUT + " \"" + timeoutText + "\" must be a whole number of seconds from 1 to 600");
        }
        return problems.isEmpty() ? new Result(Optional.of(new DaemonSettings(file, reload, Duration.ofSeconds(seconds))),
                List.of()) : new Result(Optional.empty(), problems);
    }

    /** The settings, or what is wrong with them. */
    record Result(Optional<DaemonSettings> settings, List<String> problems) {
    }
}
