package io.barelb.api;

/**
 * Reports something a human should see about a Service, as a Kubernetes Event where one can be written and
 * in the log always. Thread-safe; never blocks the caller on I/O.
 */
public interface EventSink {

    /** An event of type Normal. {@code reason} is CamelCase, {@code message} one sentence. */
    void normal(ServiceKey service, String reason, String message);

    /** An event of type Warning. */
    void warning(ServiceKey service, String reason, String message);
}
