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

    RecordingAnnouncerFactory(String name, boolean failing) {
        super(name);
        this.failing = failing;
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
            public void close() {
                applied.add(AnnouncerState.empty());
            }
        };
    }
}

