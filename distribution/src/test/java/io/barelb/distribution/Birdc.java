package io.barelb.distribution;

import io.barelb.testkit.NetnsLab;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * BIRD's command-line client against one BIRD of a lab: {@code birdc -s SOCKET ...} run in the router's namespace.
 *
 * @param lab    the lab that runs the command
 * @param ns     the namespace BIRD runs in
 * @param socket BIRD's control socket
 */
record Birdc(NetnsLab lab, String ns, Path socket) {

    /** What birdc printed (a failing command's output too). */
    String run(String... words) {
        List<String> command = new ArrayList<>(List.of("birdc", "-s", socket.toString()));
        command.addAll(List.of(words));
        try {
            return lab.execAllowingFailure(ns, command.toArray(String[]::new));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether BIRD's protocol {@code protocol} is in state Established. */
    boolean established(String protocol) {
        return run("show", "protocols", protocol).lines().anyMatch(l -> l.startsWith(protocol) && l.contains("Established"));
    }

    /** Whether BIRD's table holds {@code prefix}. */
    boolean hasRoute(String prefix) {
        return run("show", "route", prefix).contains(prefix);
    }
}
