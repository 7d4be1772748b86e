package io.barelb.runtime.config;

/** BGP community syntax: standard {@code A:B} (RFC 1997) and large {@code large:A:B:C} (RFC 8092). */
final class Communities {

    private Communities() {
    }

    /** True if the text is written as a community value rather than an alias (it holds a colon). */
    static boolean looksLikeValue(String text) {
        return text.indexOf(':') >= 0;
    }

    /** Why {@code text} is not a community value, or {@code null} if it is one. */
    static String invalid(String text) {
        if (text.startsWith("large:")) {
            String[] parts = text.substring(6).split(":", -1);
            if (parts.length != 3 || !allIn(parts, 4_294_967_295L)) {
                return "is not a large community: write large:A:B:C with each part 0 to 4294967295";
            }
            return null;
        }
        String[] parts = text.split(":", -1);
        if (parts.length != 2 || !allIn(parts, 65535)) {
            return "is not a community: write A:B with each part 0 to 65535, or large:A:B:C";
        }
        return null;
    }

    private static boolean allIn(String[] parts, long max) {
        for (String part : parts) {
            if (part.isEmpty() || part.length() > 10 || !part.chars().allMatch(Character::isDigit)
                    || Long.parseLong(part) > max) {
                return false;
            }
        }
        return true;
    }
}
