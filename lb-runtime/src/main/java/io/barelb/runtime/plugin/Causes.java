package io.barelb.runtime.plugin;

import io.barelb.api.LbException;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * One line telling what went wrong and why, from a whole cause chain: {@code first; caused by: second; caused by:
 * third}, for messages shown to a user instead of a stack trace. Pure.
 */
public final class Causes {

    private Causes() {
    }

    /**
     * Every throwable of the chain once: an {@link LbException} by its message (it already names what failed),
     * any other by its class and message. A link whose text the line already holds (a wrapper that repeats its
     * cause) and a wrapper without a message of its own ({@code InvocationTargetException}) are left out.
     */
    public static String describe(Throwable failure) {
        StringBuilder line = new StringBuilder();
        Map<Throwable, Boolean> seen = new IdentityHashMap<>();
        for (Throwable link = failure; link != null && seen.put(link, Boolean.TRUE) == null; link = link.getCause()) {
            String text = text(link);
            if (text == null || line.indexOf(text) >= 0) {
                continue;
            }
            if (line.length() > 0) {
                line.append("; caused by: ");
            }
            line.append(text);
        }
        return line.length() == 0 ? failure.getClass().getName() : line.toString();
    }

    private static String text(Throwable link) {
        String message = link.getMessage();
        if (link instanceof LbException) {
            return message;
        }
        if (message == null && link.getCause() != null) {
            return null;
        }
        return message == null ? link.getClass().getName() : link.getClass().getName() + ": " + message;
    }
}
