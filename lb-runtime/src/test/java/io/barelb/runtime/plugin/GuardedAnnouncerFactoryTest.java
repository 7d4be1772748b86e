package io.barelb.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ResourceKind;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The kinds of an announcer are made explicit once, when its plugin is loaded. */
class GuardedAnnouncerFactoryTest {

    private final PluginCalls calls = new PluginCalls("old", getClass().getClassLoader());

    /** A 0.1-style factory: names in resourceKinds(), its advertisement kind through advertisementKind(). */
    private static AnnouncerFactory old(Set<String> names, Optional<String> advertisementKind) {
        return new AnnouncerFactory() {
            @Override
            public String name() {
                return "old";
            }

            @Override
            public Set<String> resourceKinds() {
                return names;
            }

            @Override
            public Optional<String> advertisementKind() {
                return advertisementKind;
            }

            @Override
            public Announcer create(PluginContext context) {
                throw new UnsupportedOperationException();
            }
        };
    }

    @Test
    void anAdvertisementKindNamedThe01WayIsMarkedAmongTheKinds() {
        GuardedAnnouncerFactory guarded = new GuardedAnnouncerFactory(
                old(Set.of("AcmeAdvertisement", "AcmeBeacon"), Optional.of("AcmeAdvertisement")), calls);

        assertThat(guarded.kinds()).filteredOn(ResourceKind::advertisement).extracting(ResourceKind::kind)
                .containsExactly("AcmeAdvertisement");
        assertThat(guarded.advertisementKind()).contains("AcmeAdvertisement");
        assertThat(guarded.resourceKinds()).containsExactlyInAnyOrder("AcmeAdvertisement", "AcmeBeacon");
    }

    @Test
    void anAdvertisementKindTheFactoryDoesNotOwnStopsLoading() {
        assertThatThrownBy(() -> new GuardedAnnouncerFactory(old(Set.of("AcmeBeacon"), Optional.of("L2Advertisement")), calls))
                .isInstanceOf(PluginLoadException.class)
                .hasMessage("plugin old: announcer old names advertisement kind L2Advertisement, which is not among its"
                        + " kinds [AcmeBeacon]; add it to kinds()");
    }

    @Test
    void twoMarkedAdvertisementKindsStopLoading() {
        AnnouncerFactory greedy = new AnnouncerFactory() {
            @Override
            public String name() {
                return "greedy";
            }

            @Override
            public List<ResourceKind> kinds() {
                return List.of(ResourceKind.of("A", "as").asAdvertisement(), ResourceKind.of("B", "bs").asAdvertisement());
            }

            @Override
            public Announcer create(PluginContext context) {
                throw new UnsupportedOperationException();
            }
        };

        assertThatThrownBy(() -> new GuardedAnnouncerFactory(greedy, calls)).isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("marks more than one advertisement kind [A, B]");
    }

    @Test
    void theSameStatusListFromThePluginIsTheSameCopyAndANewOneANewCopy() {
        java.util.List<io.barelb.api.announce.ServiceStatus> first = new java.util.ArrayList<>(List.of(
                status("default/a")));
        java.util.concurrent.atomic.AtomicReference<List<io.barelb.api.announce.ServiceStatus>> handed =
                new java.util.concurrent.atomic.AtomicReference<>(first);
        Announcer plugin = new Announcer() {
            @Override
            public void apply(io.barelb.api.announce.AnnouncerState desired) {
            }

            @Override
            public List<io.barelb.api.announce.AnnouncementStatus> status() {
                return List.of();
            }

            @Override
            public List<io.barelb.api.announce.ServiceStatus> serviceStatuses() {
                return handed.get();
            }

            @Override
            public void close() {
            }
        };
        AnnouncerFactory factory = new AnnouncerFactory() {
            @Override
            public String name() {
                return "memo";
            }

            @Override
            public Announcer create(PluginContext context) {
                return plugin;
            }
        };
        Announcer guarded = new GuardedAnnouncerFactory(factory, calls).create(null);

        List<io.barelb.api.announce.ServiceStatus> once = guarded.serviceStatuses();
        List<io.barelb.api.announce.ServiceStatus> again = guarded.serviceStatuses();
        first.add(status("default/b")); // the plugin changes the list it handed over: the copy does not follow
        handed.set(new java.util.ArrayList<>(first));
        List<io.barelb.api.announce.ServiceStatus> changed = guarded.serviceStatuses();

        assertThat(again).isSameAs(once).hasSize(1);
        assertThat(changed).isNotSameAs(once).hasSize(2);
        assertThat(guarded.serviceStatuses()).isSameAs(changed);
    }

    private static io.barelb.api.announce.ServiceStatus status(String service) {
        return new io.barelb.api.announce.ServiceStatus(io.barelb.api.ServiceKey.parse(service), java.util.Map.of());
    }
}
