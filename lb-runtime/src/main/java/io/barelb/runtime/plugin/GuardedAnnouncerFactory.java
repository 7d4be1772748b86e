package io.barelb.runtime.plugin;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** An {@link AnnouncerFactory} of a plugin, called through {@link PluginCalls}; so are its announcers. */
final class GuardedAnnouncerFactory implements AnnouncerFactory {

    private final AnnouncerFactory delegate;
    private final PluginCalls calls;
    private final String name;
    private final Set<String> resourceKinds;
    private final Optional<String> advertisementKind;

    GuardedAnnouncerFactory(AnnouncerFactory delegate, PluginCalls calls) {
        this.delegate = delegate;
        this.calls = calls;
        this.name = calls.call("AnnouncerFactory.name()", delegate::name);
        this.resourceKinds = Set.copyOf(calls.call("AnnouncerFactory.resourceKinds()", delegate::resourceKinds));
        this.advertisementKind = calls.call("AnnouncerFactory.advertisementKind()", delegate::advertisementKind);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> resourceKinds() {
        return resourceKinds;
    }

    @Override
    public Optional<String> advertisementKind() {
        return advertisementKind;
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources) {
        return List.copyOf(calls.call("AnnouncerFactory.validate()", () -> delegate.validate(resources)));
    }

    @Override
    public Announcer create(PluginContext context) {
        Announcer announcer = calls.call("AnnouncerFactory.create()", () -> delegate.create(context));
        return new GuardedAnnouncer(announcer, calls);
    }

    @Override
    public String toString() {
        return "announcer " + name + " (plugin " + calls.pluginName() + ")";
    }

    private record GuardedAnnouncer(Announcer delegate, PluginCalls calls) implements Announcer {

        @Override
        public void apply(AnnouncerState desired) {
            calls.run("Announcer.apply()", () -> delegate.apply(desired));
        }

        @Override
        public List<AnnouncementStatus> status() {
            return calls.call("Announcer.status()", delegate::status);
        }

        @Override
        public void close() {
            calls.run("Announcer.close()", delegate::close);
        }
    }
}
