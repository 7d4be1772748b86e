package io.barelb.tck;

import io.barelb.api.ServiceKey;
import java.util.Objects;

/**
 * One Service event a plugin reported through {@link TestPluginContext#events()}.
 *
 * @param service the Service
 * @param type    {@code Normal} or {@code Warning}
 * @param reason  the CamelCase reason
 * @param message the message as given
 */
public record RecordedEvent(ServiceKey service, String type, String reason, String message) {

    public RecordedEvent {
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(message, "message");
    }
}
