package io.barelb.api;

/**
 * What went wrong, as a stable code. The code becomes the Kubernetes Event reason and a metric label, so its
 * {@link #reason()} never changes once released; new codes are only added.
 */
public enum ErrorCode {
    /** A configuration value is malformed or contradicts another. */
    INVALID_CONFIG("InvalidConfig"),
    /** No pool has a free address for the request. */
    POOL_EXHAUSTED("PoolExhausted"),
    /** A requested address lies in no pool the Service may use. */
    ADDRESS_NOT_IN_POOL("AddressNotInPool"),
    /** A requested address is held by a Service it may not be shared with. */
    ADDRESS_IN_USE("AddressInUse"),
    /** The request itself is contradictory (for example both loadBalancerIP and the annotation). */
    INVALID_REQUEST("InvalidRequest"),
    /** A plugin failed while the runtime called it. */
    PLUGIN_FAILURE("PluginFailure"),
    /** A plugin folder cannot be loaded. */
    PLUGIN_LOAD_FAILURE("PluginLoadFailure"),
    /** The network refused an operation (socket, capture handle, interface). */
    NETWORK_FAILURE("NetworkFailure");

    private final String reason;

    ErrorCode(String reason) {
        this.reason = reason;
    }

    /** The CamelCase form used as Event reason and metric label. */
    public String reason() {
        return reason;
    }
}
