package io.barelb.announcer.bgp.config;

import io.barelb.api.config.ConfigException;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigView;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/** Collects problems while a check goes on, so every problem is reported at once. Not thread-safe. */
final class Problems {

    private final List<ConfigProblem> list = new ArrayList<>();

    void add(ConfigProblem problem) {
        list.add(problem);
    }

    void addAll(List<ConfigProblem> problems) {
        list.addAll(problems);
    }

    /** Adds a problem at {@code key} below {@code view}. */
    void at(ConfigView view, String key, String value, String reason) {
        list.add(view.problemAt(key, value, reason));
    }

    /** Runs a read; a {@link ConfigException} it throws becomes problems and the result is empty. */
    <T> Optional<T> read(Supplier<Optional<T>> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            list.addAll(e.problems());
            return Optional.empty();
        }
    }

    /** Runs a read of a list; a {@link ConfigException} becomes problems and the result is empty. */
    <T> List<T> readList(Supplier<List<T>> reader) {
        try {
            return reader.get();
        } catch (ConfigException e) {
            list.addAll(e.problems());
            return List.of();
        }
    }

    /** Reports every key of {@code view} that is not in {@code known}. */
    void unknownKeys(ConfigView view, Set<String> known) {
        for (String key : view.keys()) {
            if (!known.contains(key)) {
                list.add(view.problemAt(key, "", "unknown field; the fields are " + String.join(", ", new TreeSet<>(known))));
            }
        }
    }

    /** A whole number in {@code [min, max]} at {@code key}, or empty (missing or reported). */
    Optional<Long> integerIn(ConfigView view, String key, long min, long max) {
        Optional<Long> value = read(() -> view.integer(key));
        if (value.isPresent() && (value.get() < min || value.get() > max)) {
            at(view, key, value.get().toString(), "must be between " + min + " and " + max);
            return Optional.empty();
        }
        return value;
    }

    /** True if a problem was already reported at {@code key} below {@code view}. */
    boolean hasAt(ConfigView view, String key) {
        String field = view.fieldPath(key);
        return list.stream().anyMatch(p -> p.field().equals(field) && p.name().equals(view.name())
                && p.kind().equals(view.kind()));
    }

    boolean isEmpty() {
        return list.isEmpty();
    }

    List<ConfigProblem> list() {
        return List.copyOf(list);
    }
}
