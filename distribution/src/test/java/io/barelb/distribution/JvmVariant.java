package io.barelb.distribution;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * JVM options a footprint run gives a launched command: {@code shipped} (the launcher's defaults for the command,
 * its class-data sharing archive included), {@code shipped-nocds} (the same without the archive,
 * {@code BARELB_CDS=off}), {@code jvm} (no flag at all, no archive: the JVM's own defaults), or an explicit option
 * string in place of the launcher's (the archive as the launcher gives it).
 *
 * @param name    how the figures are labelled
 * @param options the command's options, or null for the launcher's defaults
 * @param cds     whether the launcher may hand the JVM lib/barelb.jsa
 */
record JvmVariant(String name, String options, boolean cds) {

    static final JvmVariant SHIPPED = new JvmVariant("shipped", null, true);
    static final JvmVariant SHIPPED_NO_CDS = new JvmVariant("shipped-nocds", null, false);
    static final JvmVariant JVM_DEFAULT = new JvmVariant("jvm", "", false);

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
            } else if (trimmed.equals(SHIPPED_NO_CDS.name())) {
                variants.add(SHIPPED_NO_CDS);
            } else if (trimmed.equals("jvm")) {
                variants.add(JVM_DEFAULT);
            } else if (eq > 0) {
                variants.add(new JvmVariant(trimmed.substring(0, eq), trimmed.substring(eq + 1).trim(), true));
            } else if (!trimmed.isEmpty()) {
                throw new IllegalArgumentException("JVM variant '" + trimmed + "': expected shipped, shipped-nocds, jvm or NAME=OPTIONS");
            }
        }
        return variants;
    }

    /**
     * The launcher's environment for {@code command} ({@code speaker}, {@code controller}): BARELB_JAVA_OPTS empty,
     * the command's own variable set unless the launcher's defaults are wanted, BARELB_CDS=off without the archive.
     */
    Map<String, String> environment(String command) {
        String variable = "BARELB_" + command.toUpperCase(java.util.Locale.ROOT) + "_JAVA_OPTS";
        Map<String, String> environment = new java.util.HashMap<>(Map.of("BARELB_JAVA_OPTS", "",
                "BARELB_CDS", cds ? "on" : "off"));
        if (options != null) {
            environment.put(variable, options);
        }
        return Map.copyOf(environment);
    }

    @Override
    public String toString() {
        return options == null ? name + (cds ? " (launcher defaults)" : " (launcher defaults, no CDS archive)")
                : options.isEmpty() ? name + " (no flags)" : name + " (" + options + ")";
    }
}
