package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.net.IpAddress;
import java.util.List;
import java.util.Objects;

/**
 * What {@link Allocator#configure(java.util.List)} did.
 *
 * @param problems everything wrong with the pools; when not empty the previous pools stay in force and nothing
 *                 changed
 * @param cleared  Services whose addresses the new pools no longer allow, now holding nothing (MetalLB's
 *                 {@code ClearAssignment}); the caller assigns them again
 */
public record ConfigureResult(List<ConfigProblem> problems, List<Cleared> cleared) {

    public ConfigureResult {
        problems = List.copyOf(problems);
        cleared = List.copyOf(cleared);
    }

    /** True if the pools were taken into use. */
    public boolean accepted() {
        return problems.isEmpty();
    }

    /**
     * A Service that lost its addresses to a configuration change.
     *
     * @param service   the Service
     * @param addresses what it held
     * @param reason    why the new configuration does not allow them
     */
    public record Cleared(ServiceKey service, List<IpAddress> addresses, String reason) {
        public Cleared {
            Objects.requireNonNull(service, "service");
            addresses = List.copyOf(addresses);
            Objects.requireNonNull(reason, "reason");
        }
    }
}
