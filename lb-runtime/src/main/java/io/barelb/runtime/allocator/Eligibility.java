package io.barelb.runtime.allocator;

/**
 * Whether the allocator serves a Service at all. When a Service stops being served (deleted, type changed away
 * from {@code LoadBalancer}, or {@code spec.loadBalancerClass} changed to a class that is not ours) the caller
 * calls {@link Allocator#release(io.barelb.api.ServiceKey)}. Pure and thread-safe.
 */
public final class Eligibility {

    private Eligibility() {
    }

    /**
     * True if the Service is ours, with MetalLB's {@code --lb-class} rule: without a configured class, Services
     * that set any class are left to another controller; with one, only Services of exactly that class are ours.
     *
     * @param type              {@code spec.type}
     * @param loadBalancerClass {@code spec.loadBalancerClass}, null or empty when unset
     * @param configuredClass   our class, null or empty when none is configured
     */
    public static boolean isServed(String type, String loadBalancerClass, String configuredClass) {
        if (!"LoadBalancer".equals(type)) {
            return false;
        }
        String requested = loadBalancerClass == null ? "" : loadBalancerClass;
        String ours = configuredClass == null ? "" : configuredClass;
        return requested.equals(ours);
    }
}
