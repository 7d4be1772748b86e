package io.barelb.runtime.allocator;

import io.barelb.api.net.IpRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Which pool entries share an address, judged by the spans each entry's allocator answers (never by its first
 * and last address: an entry of scattered addresses overlaps only what lies on one of them). Pure.
 */
public final class Overlaps {

    /**
     * Two entries that share an address.
     *
     * @param earlier the entry written first (in the order given)
     * @param later   the entry written after it, the one to report
     */
    public record Pair<E>(E earlier, E later) {
    }

    private record Span(IpRange range, int position) {
    }

    private Overlaps() {
    }

    /**
     * The overlapping entries of {@code entries}, in the order of the addresses they share, each pair once. Every
     * entry that shares an address with an entry starting before it is the {@code later} or {@code earlier} of at
     * least one pair. Spans of one entry are never compared with each other.
     *
     * @param entries the entries, in the order they are written
     * @param spansOf the spans of an entry
     */
    public static <E> List<Pair<E>> find(List<E> entries, Function<E, List<IpRange>> spansOf) {
        List<Span> spans = new ArrayList<>();
        for (int i = 0; i < entries.size(); i++) {
            for (IpRange range : spansOf.apply(entries.get(i))) {
                spans.add(new Span(range, i));
            }
        }
        spans.sort(Comparator.comparing((Span s) -> s.range().first()).thenComparing(s -> s.range().last()));
        Set<List<Integer>> found = new LinkedHashSet<>();
        Span reach = null;
        for (Span span : spans) {
            if (reach != null && reach.position() != span.position() && reach.range().overlaps(span.range())) {
                found.add(List.of(Math.min(reach.position(), span.position()), Math.max(reach.position(), span.position())));
            }
            if (reach == null || reach.range().family() != span.range().family()
                    || reach.range().last().compareTo(span.range().last()) < 0) {
                reach = span;
            }
        }
        List<Pair<E>> pairs = new ArrayList<>();
        for (List<Integer> pair : found) {
            pairs.add(new Pair<>(entries.get(pair.get(0)), entries.get(pair.get(1))));
        }
        return pairs;
    }
}
