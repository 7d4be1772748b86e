package io.barelb.runtime.host;

import io.barelb.api.EventSink;
import io.barelb.api.ServiceKey;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Writes Service events to the log only: for processes without a Kubernetes API (static speaker, tools). */
public final class LoggingEventSink implements EventSink {

    private static final Logger LOG = LoggerFactory.getLogger("io.barelb.events");

    @Override
    public void normal(ServiceKey service, String reason, String message) {
        LOG.info("{} {}: {}", service, reason, message);
    }

    @Override
    public void warning(ServiceKey service, String reason, String message) {
        LOG.warn("{} {}: {}", service, reason, message);
    }
}
