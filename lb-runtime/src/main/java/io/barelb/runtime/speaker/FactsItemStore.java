package io.barelb.runtime.speaker;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.client.informers.cache.ItemStore;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * An informer's cache ({@link io.fabric8.kubernetes.client.informers.SharedIndexInformer#itemStore}) that keeps, per
 * object, only its facts ({@link ServiceFacts}, {@link EndpointSliceFacts}) and its resource version instead of the
 * fabric8 object: the informer's own cache held the whole of each of 10,000 Services and EndpointSlices, managed
 * fields and annotations included.
 *
 * <p>What the informer reads back from its cache ({@link #get}, {@link #values}, the old object of an update or a
 * delete) is a stub: an object of the type with only its namespace, name and resource version, which is all the
 * informer compares (an update with the same resource version is not delivered; a relist deletes the keys it no
 * longer lists). So {@code informer.getStore()} answers stubs; the speaker reads {@link #facts()}.
 *
 * @param <T> the informer's type
 * @param <F> the facts kept of each object
 */
final class FactsItemStore<T extends HasMetadata, F> implements ItemStore<T> {

    private record Held<F>(String resourceVersion, F facts) {
    }

    private final ConcurrentHashMap<String, Held<F>> items = new ConcurrentHashMap<>();
    private final Function<T, F> facts;
    private final Supplier<T> empty;

    /**
     * @param facts what to keep of an object
     * @param empty a new object of the type, for the stubs
     */
    FactsItemStore(Function<T, F> facts, Supplier<T> empty) {
        this.facts = facts;
        this.empty = empty;
    }

    /** The facts of every object, in no particular order. */
    List<F> facts() {
        return items.values().stream().map(Held::facts).toList();
    }

    @Override
    public String getKey(T object) {
        return Cache.metaNamespaceKeyFunc(object);
    }

    @Override
    public T put(String key, T object) {
        return stub(key, items.put(key, new Held<>(object.getMetadata().getResourceVersion(), facts.apply(object))));
    }

    @Override
    public T remove(String key) {
        return stub(key, items.remove(key));
    }

    @Override
    public Stream<String> keySet() {
        return items.keySet().stream();
    }

    @Override
    public Stream<T> values() {
        return items.entrySet().stream().map(entry -> stub(entry.getKey(), entry.getValue()));
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public T get(String key) {
        return stub(key, items.get(key));
    }

    /** An object of the type with the namespace and name of {@code key} and the held resource version; null for null. */
    private T stub(String key, Held<F> held) {
        if (held == null) {
            return null;
        }
        T stub = empty.get();
        ObjectMeta metadata = new ObjectMeta();
        int slash = key.indexOf('/');
        metadata.setNamespace(slash < 0 ? null : key.substring(0, slash));
        metadata.setName(key.substring(slash + 1));
        metadata.setResourceVersion(held.resourceVersion());
        stub.setMetadata(metadata);
        return stub;
    }
}
