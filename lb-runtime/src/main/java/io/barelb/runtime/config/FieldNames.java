package io.barelb.runtime.config;

import java.util.Map;

/**
 * Translates field names between the legacy ConfigMap (kebab-case, {@code peer-asn}) and the CRDs
 * (camelCase, {@code peerASN}).
 */
final class FieldNames {

    private static final Map<String, String> KEBAB_TO_CAMEL = Map.of(
            "my-asn", "myASN",
            "peer-asn", "peerASN",
            "router-id", "routerID",
            "avoid-buggy-ips", "avoidBuggyIPs",
            "localpref", "localPref",
            "ebgp-multihop", "ebgpMultiHop");

    private static final Map<String, String> CAMEL_TO_KEBAB = Map.of(
            "myASN", "my-asn",
            "peerASN", "peer-asn",
            "routerID", "router-id",
            "avoidBuggyIPs", "avoid-buggy-ips",
            "localPref", "localpref",
            "ebgpMultiHop", "ebgp-multihop");

    private FieldNames() {
    }

    /** {@code hold-time} → {@code holdTime}. */
    static String camel(String kebab) {
        String known = KEBAB_TO_CAMEL.get(kebab);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(kebab.length());
        boolean upper = false;
        for (char c : kebab.toCharArray()) {
            if (c == '-') {
                upper = true;
            } else {
                out.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return out.toString();
    }

    /** {@code holdTime} → {@code hold-time}. */
    static String kebab(String camel) {
        String known = CAMEL_TO_KEBAB.get(camel);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (char c : camel.toCharArray()) {
            if (Character.isUpperCase(c)) {
                out.append('-').append(Character.toLowerCase(c));
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /**
     * Translates a CRD field path below {@code spec} ({@code spec.nodeSelectors[0].matchLabels}) into the
     * legacy form ({@code node-selectors[0].match-labels}), segment by segment.
     */
    static String kebabPath(String specPath) {
        String path = specPath.startsWith("spec.") ? specPath.substring(5) : specPath.equals("spec") ? "" : specPath;
        StringBuilder out = new StringBuilder();
        for (String segment : path.split("\\.")) {
            if (segment.isEmpty()) {
                continue;
            }
            if (out.length() > 0) {
                out.append('.');
            }
            int bracket = segment.indexOf('[');
            String key = bracket < 0 ? segment : segment.substring(0, bracket);
            out.append(kebab(key));
            if (bracket >= 0) {
                out.append(segment.substring(bracket));
            }
        }
        return out.toString();
    }
}
