package io.barelb.tck;

import io.barelb.api.config.ConfigResource;
import java.util.Objects;

/**
 * A resource of the plugin's kinds that is wrong, and the field its problem must name.
 *
 * @param resource the resource, handed to {@code validate} together with the plugin's valid resources
 * @param field    the field path the problem must point at, e.g. {@code spec.peerASN}
 */
public record InvalidResource(ConfigResource resource, String field) {

    public InvalidResource {
        Objects.requireNonNull(resource, "resource");
        Objects.requireNonNull(field, "field");
    }
}
