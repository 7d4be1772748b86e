package io.barelb.runtime.allocator;

import io.barelb.api.ErrorCode;
import java.util.Objects;

/** What {@link Allocator#assign(ServiceRequest)} answers: the Service's assignment, or why it has none. */
public sealed interface AllocationResult {

    /** True for {@link Assigned}. */
    default boolean isAssigned() {
        return this instanceof Assigned;
    }

    /**
     * The Service holds these addresses now.
     *
     * @param assignment the addresses and their pool
     */
    record Assigned(Assignment assignment) implements AllocationResult {
        public Assigned {
            Objects.requireNonNull(assignment, "assignment");
        }
    }

    /**
     * The Service holds no address.
     *
     * @param code    the stable reason ({@code POOL_EXHAUSTED}, {@code ADDRESS_NOT_IN_POOL}, {@code ADDRESS_IN_USE},
     *                {@code INVALID_REQUEST})
     * @param message what is wrong and what to change, for the Service's Event
     */
    record Failed(ErrorCode code, String message) implements AllocationResult {
        public Failed {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
