package com.example.barelb.routingdaemon;

import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncementStatus.State;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.net.IpAddress;
import java.io.IOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Hands this node's addresses to the node's routing daemon: every address this node is a candidate for and selected
 * by a {@code RoutingDaemonAdvertisement} becomes a host route in the include file, which is replaced atomically, and
 * the daemon is told to reload. Level-based: the file is rewritten and the daemon reloaded only when the routes changed
 * or the last attempt failed, so an equal state does nothing. A failure (the folder cannot be written, the daemon is
 * down or refuses the file) is reported as {@code FAILED} on every advertisement this node should announce; the
 * speaker applies again with backoff. {@code close} writes the file with no route and reloads. Thread-safe (one lock);
 * starts no thread.
 *
 * <p>{@code apply} waits for the reload command, bounded by {@link DaemonSettings#timeout()}; {@code birdc configure}
 * takes milliseconds.
 */
final class RoutingDaemonAnnouncer implements Announcer {

    private final String node;
    private final DaemonSettings settings;
    private final ReloadCommand reload;
    private List<AnnouncementStatus> status = List.of();
    private String written;
    private Optional<String> lastFailure = Optional.empty();
    private boolean closed;

    RoutingDaemonAnnouncer(String node, DaemonSettings settings) {
        this.node = Objects.requireNonNull(node, "node");
        this.settings = settings;
        Path file = settings.file();
        this.reload = new ReloadCommand(settings.reload(), settings.timeout(),
                file.resolveSibling("." + file.getFileName() + ".reload.log"));
    }

    @Override
    public synchronized void apply(AnnouncerState desired) {
        if (closed) {
            return;
        }
        Map<IpAddress, String> routes = new TreeMap<>();
        for (Advertisement ad : desired.advertisements()) {
            if (announcesHere(ad)) {
                routes.putIfAbsent(ad.address(), RouteAdvertisements.routeType(ad.selectedBy().get(0)));
            }
        }
        Optional<String> failure = install(BirdRoutes.render(routes));
        List<AnnouncementStatus> next = new ArrayList<>();
        for (Advertisement ad : desired.advertisements()) {
            next.add(statusOf(ad, failure));
        }
        status = List.copyOf(next);
    }

    private boolean announcesHere(Advertisement ad) {
        return ad.candidateNodes().contains(node) && !ad.selectedBy().isEmpty();
    }

    private AnnouncementStatus statusOf(Advertisement ad, Optional<String> failure) {
        List<String> where = List.of(settings.file().toString());
        if (!ad.candidateNodes().contains(node)) {
            return new AnnouncementStatus(ad.service(), ad.address(), State.STANDBY, List.of(),
                    "node " + node + " is no candidate for " + ad.address());
        }
        if (ad.selectedBy().isEmpty()) {
            return new AnnouncementStatus(ad.service(), ad.address(), State.STANDBY, List.of(),
                    "no RoutingDaemonAdvertisement selects node " + node);
        }
        if (failure.isPresent()) {
            return new AnnouncementStatus(ad.service(), ad.address(), State.FAILED, where,
                    "node " + node + " cannot hand " + ad.address() + " to its routing daemon: " + failure.get());
        }
        return new AnnouncementStatus(ad.service(), ad.address(), State.ANNOUNCED, where, "route to " + ad.address()
                + " handed to the routing daemon of node " + node + " (protocol "
                + (ad.address().isIpv4() ? BirdRoutes.IPV4_PROTOCOL : BirdRoutes.IPV6_PROTOCOL) + ")");
    }

    /** Writes {@code text} and reloads, unless it is what the daemon already took; empty on success, else why not. */
    private Optional<String> install(String text) {
        if (text.equals(written) && lastFailure.isEmpty()) {
            return Optional.empty();
        }
        try {
            AtomicFile.write(settings.file(), text);
        } catch (NoSuchFileException e) {
            return remember(text, "cannot write " + settings.file() + ": its folder does not exist; create it or set "
                    + DaemonSettings.FILE);
        } catch (IOException e) {
            return remember(text, "cannot write " + settings.file() + ": " + e.getMessage());
        }
        return remember(text, reload.run().orElse(null));
    }

    private Optional<String> remember(String text, String failure) {
        written = text;
        lastFailure = Optional.ofNullable(failure);
        return lastFailure;
    }

    @Override
    public synchronized List<AnnouncementStatus> status() {
        return status;
    }

    /** Writes the file with no route and reloads, so the daemon withdraws every route. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        install(BirdRoutes.render(Map.of()));
        status = List.of();
    }
}
