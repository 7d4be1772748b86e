package io.barelb.runtime.speaker;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import java.util.List;
import java.util.Set;

/** An announcer that records what it is handed and announces everything it is given. */
final class RecordingAnnouncerFactory extends L2KindFactory {
    final List<AnnouncerState> applied = new java.util.concurrent.CopyOnWriteArrayList<>();
    final boolean failing;

    final java.util.Optional<io.barelb.api.announce.StatusKind> statusKind;

    RecordingAnnouncerFactory(String name, boolean failing) {
        this(name, failing, java.util.Optional.empty());
    }

    /** One that also declares a status kind and lists each announced Service with {@code where: [eth0]}. */
    RecordingAnnouncerFactory(String name, boolean failing, java.util.Optional<io.barelb.api.announce.StatusKind> statusKind) {
        super(name);
        this.failing = failing;
        this.statusKind = statusKind;
    }

    @Override
    public java.util.Optional<io.barelb.api.announce.StatusKind> statusKind() {
        return statusKind;
    }


    @Override
    public Announcer create(PluginContext context) {
        return new Announcer() {
            @Override
            public void apply(AnnouncerState desired) {
                if (failing) {
                    throw new IllegalStateException("link is gone");
                }
                applied.add(desired);
            }

            @Override
            public List<AnnouncementStatus> status() {
                if (applied.isEmpty()) {
                    return List.of();
                }
                return applied.get(applied.size() - 1).advertisements().stream()
                        .map(a -> new AnnouncementStatus(a.service(), a.address(), true, List.of("eth0"), "owner"))
                        .toList();
            }

            @Override
            public List<io.barelb.api.announce.ServiceStatus> serviceStatuses() {
                return status().stream().map(AnnouncementStatus::service).distinct().map(service ->
                        new io.barelb.api.announce.ServiceStatus(service, java.util.Map.of("where", List.of("eth0"))))
                        .toList();
            }

            @Override
            public void close() {
                applied.add(AnnouncerState.empty());
            }
        };
    }
}

