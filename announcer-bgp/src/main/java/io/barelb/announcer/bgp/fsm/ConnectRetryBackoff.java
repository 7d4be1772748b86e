package io.barelb.announcer.bgp.fsm;

import java.time.Duration;

/**
 * The wait before connection attempt {@code n}: the ConnectRetryTime doubled for each failure since the last
 * Established session, up to a ceiling (RFC 4271 §8.1.1 leaves the damping of peer oscillations to the
 * implementation). Pure.
 */
final class ConnectRetryBackoff {

    private ConnectRetryBackoff() {
    }

    /** The wait after {@code failures} consecutive failures (0 gives the ConnectRetryTime itself). */
    static Duration delay(SessionSettings settings, int failures) {
        Duration delay = settings.connectRetryTime();
        for (int i = 0; i < failures && delay.compareTo(settings.connectRetryMaximum()) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(settings.connectRetryMaximum()) > 0 ? settings.connectRetryMaximum() : delay;
    }
}
