package io.barelb.api.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Collects {@link ConfigProblem}s while a check goes on, so that every problem is reported at once: reads of a
 * {@link ConfigView} whose {@link ConfigException} becomes problems instead of ending the check, unknown fields, and
 * whole numbers in a range. The runtime's rules and the built-in plugins' use it; a plugin may. Not thread-safe.
 *
 * @since 0.3
 */
public final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    /** Adds one problem. */
    public void add(ConfigProblem problem) {
        list.add(problem);
    }

    /** Adds every problem of {@code problems}. */
    public void addAll(List<ConfigProblem> problems) {
        list.addAll(problems);
    }

    /** Adds a problem at {@code key} below {@code view}. */
    public void at(ConfigView view, String key, String value, String reason) {
        list.add(view.problemAt(key, value, reason));
    }

    /** Runs a read; a {@link ConfigException} it throws becomes problems and the result is empty. */
    public <T> Optional<T> read(Supplier<Optional<T>> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            list.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** Runs a read of a list; a {@link ConfigException} becomes problems and the result is empty. */
    public <T> List<T> readList(Supplier<List<T>> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            list.addAll(e.problems());
            return List.of();
        }
    }

    /** Reports every key of {@code view} that is not in {@code known}, naming the known ones. */
    public void unknownKeys(ConfigView view, Set<String> known) {
        for (String key : view.keys()) {
            if (!known.contains(key)) {
                list.add(view.problemAt(key, "", "unknown field; the fields are " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** A whole number in {@code [min, max]} at {@code key}, or empty (missing, or reported). */
    public Optional<Long> integerIn(ConfigView view, String key, long min, long max) {
        Optional<Long> value = read(() -> view.integer(key));
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            at(view, key, value.get().toString(), "must be between " + min + " and " + max);
            return Optional.empty();
        }
        return value;
    }

    /** True if a problem was already reported at {@code key} below {@code view}. */
    public boolean hasAt(ConfigView view, String key) {
        String field = view.fieldPath(key);
        return list.stream().anyMatch(p -> p.field().equals(field) && p.name().equals(view.name())
                && p.kind().equals(view.kind()));
    }

    /** True if nothing was reported. */
    public boolean isEmpty() {
        return list.isEmpty();
    }

    /** Every problem reported, in order. */
    public List<ConfigProblem> list() {
        return List.copyOf(list);
    }
}
