package io.barelb.runtime.plugin;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An {@link AnnouncerFactory} of a plugin, called through {@link PluginCalls}; so are its announcers. Its kinds are
 * read once and made explicit: the advertisement kind is the one {@link AnnouncerFactory#kinds()} marks, or the one
 * an 0.1 plugin names through {@link AnnouncerFactory#advertisementKind()}, and {@link #kinds()} marks it.
 */
final class GuardedAnnouncerFactory implements AnnouncerFactory {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedAnnouncerFactory.class);

    private final AnnouncerFactory delegate;
    private final PluginCalls calls;
    private final String name;
    private final List<ResourceKind> kinds;
    private final Optional<String> advertisementKind;
    private final Optional<io.barelb.api.announce.StatusKind> statusKind;

    GuardedAnnouncerFactory(AnnouncerFactory delegate, PluginCalls calls) {
        this.delegate = delegate;
        this.calls = calls;
        this.name = calls.call("AnnouncerFactory.name()", delegate::name);
        List<ResourceKind> declared = List.copyOf(calls.call("AnnouncerFactory.kinds()", delegate::kinds));
        Optional<String> named = calls.call("AnnouncerFactory.advertisementKind()", delegate::advertisementKind);
        this.kinds = explicit(declared, named);
        this.advertisementKind = kinds.stream().filter(ResourceKind::advertisement).map(ResourceKind::kind).findFirst();
        this.statusKind = calls.call("AnnouncerFactory.statusKind()", delegate::statusKind);
        if (advertisementKind.isEmpty() && kinds.stream().anyMatch(k -> k.kind().endsWith("Advertisement"))) {
            LOG.warn("{} declares no advertisement kind, so it is handed no advertisements; if one of its kinds {} is,"
                    + " mark it with ResourceKind.asAdvertisement() in kinds()", this, names(kinds));
        }
    }

    private List<ResourceKind> explicit(List<ResourceKind> declared, Optional<String> named) {
        List<ResourceKind> marked = declared.stream().filter(ResourceKind::advertisement).toList();
        if (marked.size() > 1) {
            throw new PluginLoadException("plugin " + calls.pluginName() + ": announcer " + name
                    + " marks more than one advertisement kind " + names(marked) + "; an announcer has at most one");
        }
        if (named.isEmpty() || marked.stream().anyMatch(k -> k.kind().equals(named.get()))) {
            return declared;
        }
        if (declared.stream().noneMatch(k -> k.kind().equals(named.get()))) {
            throw new PluginLoadException("plugin " + calls.pluginName() + ": announcer " + name
                    + " names advertisement kind " + named.get() + ", which is not among its kinds " + names(declared)
                    + "; add it to kinds()");
        }
        return declared.stream().map(k -> k.kind().equals(named.get()) ? k.asAdvertisement()
                : new ResourceKind(k.kind(), k.plural(), k.apiVersions(), false)).toList();
    }

    private static List<String> names(List<ResourceKind> kinds) {
        return kinds.stream().map(ResourceKind::kind).toList();
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Set<String> resourceKinds() {
        return Set.copyOf(names(kinds));
    }

    @Override
    public List<ResourceKind> kinds() {
        return kinds;
    }

    @Override
    public Optional<String> advertisementKind() {
        return advertisementKind;
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources) {
        return validate(resources, ValidationContext.empty(calls.pluginName()));
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        return List.copyOf(calls.call("AnnouncerFactory.validate()", () -> delegate.validate(resources, context)));
    }

    @Override
    public Optional<io.barelb.api.announce.StatusKind> statusKind() {
        return statusKind;
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

    /**
     * An announcer called through {@link PluginCalls}. Its per-Service status is copied (a plugin may go on changing
     * the list it handed over); while the plugin hands back the very same list, so is the same copy, so the speaker's
     * identity check ("nothing changed") holds through this wrapper too (docs/plugins.md).
     */
    private static final class GuardedAnnouncer implements Announcer {

        private final Announcer delegate;
        private final PluginCalls calls;
        /** The list the plugin last handed over and its copy (guarded by this). */
        private List<io.barelb.api.announce.ServiceStatus> lastGiven;
        private List<io.barelb.api.announce.ServiceStatus> lastCopy;

        GuardedAnnouncer(Announcer delegate, PluginCalls calls) {
            this.delegate = delegate;
            this.calls = calls;
        }

        @Override
        public void apply(AnnouncerState desired) {
            calls.run("Announcer.apply()", () -> delegate.apply(desired));
        }

        @Override
        public List<AnnouncementStatus> status() {
            return calls.call("Announcer.status()", delegate::status);
        }

        @Override
        public List<io.barelb.api.announce.ServiceStatus> serviceStatuses() {
            List<io.barelb.api.announce.ServiceStatus> given = calls.call("Announcer.serviceStatuses()",
                    delegate::serviceStatuses);
            synchronized (this) {
                if (given != lastGiven) {
                    lastCopy = List.copyOf(given);
                    lastGiven = given;
                }
                return lastCopy;
            }
        }

        @Override
        public void close() {
            calls.run("Announcer.close()", delegate::close);
        }

        @Override
        public String toString() {
            return delegate.toString();
        }
    }
}
