package io.barelb.runtime.speaker;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Hands out one instance per distinct value (by {@code equals}), held weakly: a value no view uses any more is
 * forgotten by the next collection. The speaker's views of 10,000 Services hold the same namespaces, label maps
 * and node lists thousands of times; interned, each is held once. Thread-safe.
 */
final class WeakInterner {

    private final Map<Object, WeakReference<Object>> canonical = new WeakHashMap<>();

    /** The canonical instance equal to {@code value} ({@code value} itself the first time); null for null. */
    @SuppressWarnings("unchecked")
    synchronized <T> T intern(T value) {
        if (value == null) {
            return null;
        }
        WeakReference<Object> known = canonical.get(value);
        Object held = known == null ? null : known.get();
        if (held != null) {
            return (T) held;
        }
        canonical.put(value, new WeakReference<>(value));
        return value;
    }
}
