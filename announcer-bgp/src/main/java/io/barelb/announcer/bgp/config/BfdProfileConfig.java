package io.barelb.announcer.bgp.config;

import java.util.Objects;

/**
 * One validated {@code BFDProfile}, with FRR's defaults ({@code api/v1beta1/bfdprofile_types.go}). Immutable.
 *
 * @param name                   {@code metadata.name}
 * @param receiveIntervalMillis  the slowest receive rate wanted, 300 ms by default
 * @param transmitIntervalMillis the transmit interval wanted, 300 ms by default
 * @param detectMultiplier       missed packets before the session is down, 3 by default
 * @param echoIntervalMillis     the echo interval, 50 ms by default
 * @param echoMode               true to send echo packets
 * @param passiveMode            true to wait for the peer's first packet
 * @param minimumTtl             for multi-hop sessions, the lowest TTL accepted, 254 by default
 */
public record BfdProfileConfig(String name, int receiveIntervalMillis, int transmitIntervalMillis,
                               int detectMultiplier, int echoIntervalMillis, boolean echoMode, boolean passiveMode,
                               int minimumTtl) {

    public BfdProfileConfig {
        Objects.requireNonNull(name, "name");
    }
}
