package io.barelb.testkit;

import java.util.List;

/**
 * The positional arguments of a benchmark's {@code main}: a count, or one word of a fixed set, each with a default
 * when absent. A word outside its set stops the run with the set, so that a mistyped mode never measures another
 * one; the words are literals at the call, where a check of the docs' commands finds them. Pure.
 */
public final class BenchmarkArguments {

    private BenchmarkArguments() {
    }

    /** Argument {@code index} as a count, or {@code absent}. */
    public static int count(String[] args, int index, int absent) {
        if (args.length <= index) {
            return absent;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("argument " + (index + 1) + " is a count, not " + args[index], e);
        }
    }

    /** Argument {@code index}, one of {@code words} (the first is the default when it is absent). */
    public static String word(String[] args, int index, String... words) {
        if (args.length <= index) {
            return words[0];
        }
        if (!List.of(words).contains(args[index])) {
            throw new IllegalArgumentException("argument " + (index + 1) + " is one of " + String.join(", ", words)
                    + ", not " + args[index]);
        }
        return args[index];
    }
}
