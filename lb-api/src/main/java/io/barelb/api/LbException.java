package io.barelb.api;

import java.util.Objects;

/**
 * An error with a stable {@link ErrorCode}. Plugins throw it (or a subclass) for failures the runtime should
 * report by code; any other exception from a plugin is reported as {@link ErrorCode#PLUGIN_FAILURE}.
 */
public class LbException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    /** An error with a code and a message a human can act on. */
    public LbException(ErrorCode code, String message) {
        super(message);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** An error with a code, a message and its cause. */
    public LbException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = Objects.requireNonNull(code, "code");
    }

    /** The stable code; never null. */
    public ErrorCode code() {
        return code;
    }
}
