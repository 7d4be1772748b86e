package io.barelb.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.barelb.api.config.ConfigProblem;
import java.util.Collection;

/**
 * What every {@link ConfigProblem} a plugin reports must say: the resource (kind and name), the field, and a reason
 * that tells the operator what to write instead, without a stack trace and without a secret.
 */
public final class ProblemChecks {

    private ProblemChecks() {
    }

    /** {@code problem} names {@code kind}/{@code name} and {@code field} (or a field below it) and reads well. */
    public static void assertNames(ConfigProblem problem, String kind, String name, String field) {
        assertEquals(kind, problem.kind(), () -> "the kind of problem " + problem.message());
        assertEquals(name, problem.name(), () -> "the resource name of problem " + problem.message());
        assertTrue(problem.field().equals(field) || problem.field().startsWith(field + ".")
                        || problem.field().startsWith(field + "["),
                () -> "problem " + problem.message() + " must name the field " + field + ", not " + problem.field());
        assertReadable(problem, java.util.List.of());
    }

    /**
     * The reason is a sentence of its own (at least three words, not just the value again), with no exception class,
     * no stack frame and none of {@code secrets} in any part of the problem.
     */
    public static void assertReadable(ConfigProblem problem, Collection<String> secrets) {
        String reason = problem.reason().strip();
        assertFalse(reason.isEmpty(), () -> "problem " + problem.message() + " has no reason");
        assertTrue(reason.split("\\s+").length >= 3, () -> "the reason of problem " + problem.message()
                + " must say what is wrong and how to fix it, in a sentence");
        assertFalse(reason.equals(problem.value()), () -> "the reason of problem " + problem.message()
                + " only repeats the value");
        assertNoInternals(problem.message(), "problem");
        assertFalse(problem.field().isBlank(), () -> "problem " + problem.message() + " names no field");
        for (String secret : secrets) {
            assertFalse(problem.message().contains(secret), () -> "problem " + problem.kind() + " \"" + problem.name()
                    + "\" " + problem.field() + " shows a Secret's value");
        }
    }

    /** {@code text} shown to an operator carries no stack frame or exception class name. */
    public static void assertNoInternals(String text, String what) {
        assertFalse(text.contains("\tat ") || text.matches("(?s).*\\bat [a-z]+\\.[a-z].*\\(.*\\.java:\\d+\\).*"),
                () -> what + " carries a stack trace: " + text);
        assertFalse(text.matches("(?s).*\\b(java|javax|sun)\\.[a-z]+\\.[A-Z]\\w*(Exception|Error)\\b.*"),
                () -> what + " shows an exception class instead of saying what is wrong: " + text);
        assertFalse(text.contains("NullPointerException") || text.contains("null pointer"),
                () -> what + " reports a programming error: " + text);
    }
}
