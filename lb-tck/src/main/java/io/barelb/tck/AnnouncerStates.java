package io.barelb.tck;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.announce.NodeFacts;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

/** Desired states as the speaker computes them, and what a contract compares in them. */
public final class AnnouncerStates {

    private AnnouncerStates() {
    }

    /** One advertisement's identity: the Service and its address, what status is reported per. */
    public record Key(ServiceKey service, IpAddress address) implements Comparable<Key> {
        @Override
        public int compareTo(Key other) {
            int byService = service.compareTo(other.service);
            return byService != 0 ? byService : address.compareTo(other.address);
        }

        @Override
        public String toString() {
            return service + " " + address;
        }
    }

    /** The advertisements of {@code state}, by key. */
    public static Set<Key> keys(AnnouncerState state) {
        Set<Key> keys = new TreeSet<>();
        state.advertisements().forEach(ad -> keys.add(new Key(ad.service(), ad.address())));
        return keys;
    }

    /** The keys of {@code status}, in order, duplicates kept. */
    public static List<Key> keys(Collection<AnnouncementStatus> status) {
        return status.stream().map(s -> new Key(s.service(), s.address())).sorted().toList();
    }

    /** An equal state built anew: the same values in new objects, as a later reconcile hands over. */
    public static AnnouncerState copy(AnnouncerState state) {
        return new AnnouncerState(new ArrayList<>(state.advertisements()), new ArrayList<>(state.resources()),
                new LinkedHashMap<>(state.nodes()));
    }

    /** The state with only the advertisements {@code keep} accepts; resources and nodes unchanged. */
    public static AnnouncerState only(AnnouncerState state, Predicate<Advertisement> keep) {
        return new AnnouncerState(state.advertisements().stream().filter(keep).toList(), state.resources(),
                state.nodes());
    }

    /** A node with an {@code InternalIP} and labels. */
    public static NodeFacts node(String name, String internalIp, Map<String, String> labels) {
        return new NodeFacts(name, labels, List.of(new NodeFacts.Address("InternalIP", internalIp),
                new NodeFacts.Address("Hostname", name)));
    }

    /** Builds a state: advertisements, the resources of the plugin's kinds, node facts. Not thread-safe. */
    public static Builder builder() {
        return new Builder();
    }

    /** See {@link #builder()}. */
    public static final class Builder {
        private final List<Advertisement> advertisements = new ArrayList<>();
        private final List<ConfigResource> resources = new ArrayList<>();
        private final Map<String, NodeFacts> nodes = new LinkedHashMap<>();

        private Builder() {
        }

        /** A resource of the plugin's kinds (peers, profiles, the advertisement resources themselves). */
        public Builder resource(ConfigResource resource) {
            resources.add(resource);
            return this;
        }

        /** A node's facts. */
        public Builder node(NodeFacts node) {
            nodes.put(node.name(), node);
            return this;
        }

        /**
         * An advertisement of {@code address} of Service {@code service} (written {@code namespace/name}) from
         * {@code pool}, with these candidate nodes, selected (for this node and for the address) by {@code selectedBy}.
         */
        public Builder advertise(String service, String address, String pool, Set<String> candidates,
                                 List<ConfigResource> selectedBy) {
            advertisements.add(new Advertisement(ServiceKey.parse(service), IpAddress.parse(address), pool, candidates,
                    selectedBy, false));
            return this;
        }

        /** The state. */
        public AnnouncerState build() {
            return new AnnouncerState(advertisements, resources, nodes);
        }
    }
}
