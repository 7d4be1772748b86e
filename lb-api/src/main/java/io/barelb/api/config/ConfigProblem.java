package io.barelb.api.config;

import java.util.Objects;

/**
 * One thing wrong with the configuration, named precisely enough for an operator to fix it.
 *
 * @param kind   the resource kind ({@code IPAddressPool}, {@code BGPPeer}, {@code ConfigMap}, ...)
 * @param name   the resource name ({@code namespace/name} is not needed: one namespace holds the config)
 * @param field  the field path inside the resource, e.g. {@code spec.addresses[1]}
 * @param value  the offending value as written, or {@code ""} when the field is missing
 * @param reason what is wrong and how to fix it, as one sentence
 */
public record ConfigProblem(String kind, String name, String field, String value, String reason) {

    public ConfigProblem {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(reason, "reason");
    }

    /** One line: {@code IPAddressPool "default": spec.addresses[0] "1.2.3.400": reason}. */
    public String message() {
        String where = kind + " \"" + name + "\": " + field;
        return value.isEmpty() ? where + ": " + reason : where + " \"" + value + "\": " + reason;
    }

    @Override
    public String toString() {
        return message();
    }
}
