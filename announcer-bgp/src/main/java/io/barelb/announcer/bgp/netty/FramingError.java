package io.barelb.announcer.bgp.netty;

import io.barelb.announcer.bgp.wire.NotificationMessage;
import java.util.Objects;

/**
 * What {@link BgpFrameDecoder} passes on instead of a frame when a header is broken (RFC 4271 §6.1): the stream
 * has lost synchronisation, nothing after it is decoded, and {@code notification} is to be sent before closing.
 */
public record FramingError(NotificationMessage notification, String detail) {
    public FramingError {
        Objects.requireNonNull(notification, "notification");
        Objects.requireNonNull(detail, "detail");
    }
}
