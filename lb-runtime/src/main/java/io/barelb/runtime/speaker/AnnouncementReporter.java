package io.barelb.runtime.speaker;

import io.barelb.api.EventSink;
import io.barelb.api.Metrics;
import io.barelb.api.announce.AnnouncementStatus;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns what the announcers report into what an operator sees: a {@code nodeAssigned} Event when this node starts
 * announcing an address and the {@value #ANNOUNCED_METRIC} gauge while it does; an {@code announceFailed}
 * Warning carrying the announcer's message when an advertisement fails (again when the message changes), the
 * {@value #FAILED_METRIC} gauge per protocol. (The per-Service status objects are the {@link Speaker}'s, through
 * {@link StatusResources}.) Not thread-safe:
 * the {@link Speaker} calls it under its lock.
 */
final class AnnouncementReporter {

    static final String ANNOUNCED_METRIC = "metallb_speaker_announced"; // MetalLB's name and labels
    static final String FAILED_METRIC = "barelb_speaker_announce_failed";
    static final String ANNOUNCE_FAILED = "announceFailed";

    private final String nodeName;
    private final EventSink events;
    private final Metrics metrics;
    private final Set<StatusKey> announced = new HashSet<>();
    private final Map<StatusKey, String> failed = new HashMap<>();
    private final Map<String, Integer> failedByProtocol = new ConcurrentHashMap<>();

    /** The status's own objects, not strings made from them at every report (10,000 Services: 20,000 strings). */
    private record StatusKey(String protocol, io.barelb.api.ServiceKey service, io.barelb.api.net.IpAddress address) {
    }

    AnnouncementReporter(String nodeName, EventSink events, Metrics metrics) {
        this.nodeName = nodeName;
        this.events = events;
        this.metrics = metrics;
    }

    /** Registers the failure gauge of {@code protocol} (0 until something fails). */
    void track(String protocol) {
        failedByProtocol.put(protocol, 0);
        metrics.gauge(FAILED_METRIC, "Advertisements this node should announce and cannot, by protocol",
                Map.of("protocol", protocol), () -> failedByProtocol.getOrDefault(protocol, 0).doubleValue());
    }

    /** The whole status of every protocol that answered; a protocol left out keeps what it had. */
    void report(Map<String, List<AnnouncementStatus>> byProtocol) {
        Set<StatusKey> nowAnnounced = new HashSet<>();
        Map<StatusKey, String> nowFailed = new HashMap<>();
        announced.stream().filter(key -> !byProtocol.containsKey(key.protocol())).forEach(nowAnnounced::add);
        failed.forEach((key, message) -> {
            if (!byProtocol.containsKey(key.protocol())) {
                nowFailed.put(key, message);
            }
        });
        byProtocol.forEach((protocol, statuses) -> {
            for (AnnouncementStatus status : statuses) {
                StatusKey key = new StatusKey(protocol, status.service(), status.address());
                if (status.announced()) {
                    nowAnnounced.add(key);
                    if (!announced.contains(key)) {
                        String where = status.where().isEmpty() ? "" : " on " + String.join(", ", status.where());
                        eventsOf(status.service()).normal(status.service(), "nodeAssigned", "announcing " + status.address() + " from node "
                                + nodeName + " with protocol " + protocol + where);
                        metrics.gauge(ANNOUNCED_METRIC, "1 for each address this node announces", labels(key), () -> 1.0);
                    }
                } else if (status.state() == AnnouncementStatus.State.FAILED) {
                    nowFailed.put(key, status.message());
                    if (!status.message().equals(failed.get(key))) {
                        eventsOf(status.service()).warning(status.service(), ANNOUNCE_FAILED, status.message());
                    }
                }
            }
            failedByProtocol.put(protocol, (int) statuses.stream()
                    .filter(s -> s.state() == AnnouncementStatus.State.FAILED).count());
        });
        announced.stream().filter(key -> !nowAnnounced.contains(key))
                .forEach(gone -> metrics.remove(ANNOUNCED_METRIC, labels(gone)));
        announced.clear();
        announced.addAll(nowAnnounced);
        failed.clear();
        failed.putAll(nowFailed);
    }

    /** A virtual IP has no Service to carry Events: its events go to the log. */
    private EventSink eventsOf(io.barelb.api.ServiceKey key) {
        return VirtualIpPlanner.isVirtualIp(key) ? LOGGED : events;
    }

    private static final EventSink LOGGED = new io.barelb.runtime.host.LoggingEventSink();

    private Map<String, String> labels(StatusKey key) {
        return Map.of("protocol", key.protocol(), "service", key.service().toString(), "ip", key.address().toString(),
                "node", nodeName);
    }
}
