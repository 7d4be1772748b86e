package io.barelb.runtime.allocator;

/** A Service's {@code spec.ipFamilyPolicy}: how many address families its load-balancer addresses cover. */
public enum IpFamilyPolicy {
    /** One address, of the first family in {@code ipFamilies} (IPv4 when none is listed). */
    SINGLE_STACK("SingleStack"),
    /** Both families when one pool offers them, otherwise whichever family a pool offers. */
    PREFER_DUAL_STACK("PreferDualStack"),
    /** Both families from one pool, or nothing. */
    REQUIRE_DUAL_STACK("RequireDualStack");

    private final String kubernetesName;

    IpFamilyPolicy(String kubernetesName) {
        this.kubernetesName = kubernetesName;
    }

    /** The value as Kubernetes writes it. */
    public String kubernetesName() {
        return kubernetesName;
    }

    /**
     * Parses {@code SingleStack}, {@code PreferDualStack} or {@code RequireDualStack}; null or empty means
     * SingleStack, the Kubernetes default.
     *
     * @throws IllegalArgumentException naming the value and the valid ones
     */
    public static IpFamilyPolicy parse(String text) {
        if (text == null || text.isEmpty()) {
            return SINGLE_STACK;
        }
        for (IpFamilyPolicy policy : values()) {
            if (policy.kubernetesName.equals(text)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("unknown ipFamilyPolicy \"" + text
                + "\": use SingleStack, PreferDualStack or RequireDualStack");
    }
}
