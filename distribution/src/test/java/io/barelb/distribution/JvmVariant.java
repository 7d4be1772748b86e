package io.barelb.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM options a footprint run gives a launched command: {@code shipped} (the launcher's defaults for the command),
 * {@code jvm} (no flag at all: the JVM's own defaults), or an explicit option string in place of the launcher's.
 *
 * @param name    how the figures are labelled
 * @param options the command's options, or null for the launcher's defaults
 */
record JvmVariant(String name, String options) {

    static final JvmVariant SHIPPED = new JvmVariant("shipped", null);
    static final JvmVariant JVM_DEFAULT = new JvmVariant("jvm", "");

    /**
     * {@code shipped;jvm;serial96=-XX:+UseSerialGC -Xmx96m}: {@code ;} between variants, {@code name=options} for an
     * explicit one.
     */
    static List<JvmVariant> parse(String text) {
        List<JvmVariant> variants = new ArrayList<>();
        for (String item : text.split(";")) {
            String trimmed = item.trim();
            int eq = trimmed.indexOf('=');
            if (trimmed.equals("shipped")) {
                variants.add(SHIPPED);
            } else if (trimmed.equals("jvm")) {
                variants.add(JVM_DEFAULT);
            } else if (eq > 0) {
                variants.add(new JvmVariant(trimmed.substring(0, eq), trimmed.substring(eq + 1).trim()));
            } else if (!trimmed.isEmpty()) {
                throw new IllegalArgumentException("JVM variant '" + trimmed + "': expected shipped, jvm or NAME=OPTIONS");
            }
        }
        return variants;
    }

    /**
     * The launcher's environment for {@code command} ({@code speaker}, {@code controller}): BARELB_JAVA_OPTS empty,
     * and the command's own variable set unless shipped.
     */
    Map<String, String> environment(String command) {
        String variable = "BARELB_" + command.toUpperCase(java.util.Locale.ROOT) + "_JAVA_OPTS";
        return options == null ? Map.of("BARELB_JAVA_OPTS", "") : Map.of("BARELB_JAVA_OPTS", "", variable, options);
    }

    @Override
    public String toString() {
        return options == null ? name + " (launcher defaults)" : options.isEmpty() ? name + " (no flags)"
                : name + " (" + options + ")";
    }
}
