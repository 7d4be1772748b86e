package io.barelb.runtime.allocator;

import io.barelb.api.ServiceKey;
import java.util.Objects;

/**
 * What {@link Allocator#restore(java.util.List)} did with one recorded assignment.
 *
 * @param service the Service
 * @param status  kept, reassigned or failed
 * @param result  the Service's assignment ({@link AllocationResult.Assigned}) for KEPT and REASSIGNED, the
 *                failure for FAILED
 * @param reason  why the recorded addresses were not kept; {@code ""} for KEPT
 */
public record RestoreOutcome(ServiceKey service, Status status, AllocationResult result, String reason) {

    /** The three fates of a recorded assignment. */
    public enum Status {
        /** The recorded addresses are valid and held again. */
        KEPT,
        /** The recorded addresses are no longer valid; the Service got new ones. */
        REASSIGNED,
        /** The recorded addresses are no longer valid and no new ones could be found. */
        FAILED
    }

    public RestoreOutcome {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(result, "result");
        Objects.requireNonNull(reason, "reason");
    }
}
