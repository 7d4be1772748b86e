package io.barelb.tck;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncementStatus.State;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A correct announcer for the kit's own tests: "the network" is a set of addresses it holds, "broken" makes it fail.
 * Subclasses break one rule each.
 */
class MemoryAnnouncer implements Announcer {

    /** What the outside world sees. */
    final Set<IpAddress> network = ConcurrentHashMap.newKeySet();
    volatile boolean broken;
    final String node;
    private volatile List<AnnouncementStatus> status = List.of();

    MemoryAnnouncer(String node) {
        this.node = node;
    }

    @Override
    public synchronized void apply(AnnouncerState desired) {
        List<AnnouncementStatus> next = new ArrayList<>();
        Set<IpAddress> wanted = new java.util.TreeSet<>();
        for (Advertisement ad : desired.advertisements()) {
            boolean mine = ad.candidateNodes().contains(node);
            if (mine && !broken) {
                wanted.add(ad.address());
            }
            next.add(new AnnouncementStatus(ad.service(), ad.address(), !mine ? State.STANDBY
                    : broken ? State.FAILED : State.ANNOUNCED, List.of(), broken && mine ? "the network is down"
                    : mine ? "announced" : "not a candidate"));
        }
        network.retainAll(wanted);
        network.addAll(wanted);
        status = List.copyOf(next);
    }

    @Override
    public List<AnnouncementStatus> status() {
        return status;
    }

    @Override
    public void close() {
        network.clear();
        status = List.of();
    }

    /** Its factory: one kind with one field, {@code mode} ({@code on} or {@code off}). */
    static class Factory implements AnnouncerFactory {
        @Override
        public String name() {
            return "memory";
        }

        @Override
        public List<ResourceKind> kinds() {
            return List.of(ResourceKind.of("MemoryAdvertisement", "memoryadvertisements").asAdvertisement());
        }

        @Override
        public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
            List<ConfigProblem> problems = new ArrayList<>();
            for (ConfigResource resource : resources) {
                try {
                    String mode = resource.spec().string("mode").orElse("on");
                    if (!Set.of("on", "off").contains(mode)) {
                        problems.add(resource.spec().problemAt("mode", mode, "must be on or off"));
                    }
                } catch (ConfigException e) {
                    problems.addAll(e.problems());
                }
            }
            return problems;
        }

        @Override
        public Announcer create(PluginContext context) {
            return new MemoryAnnouncer(context.nodeName().orElseThrow());
        }
    }
}
