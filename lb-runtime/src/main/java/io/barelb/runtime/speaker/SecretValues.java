package io.barelb.runtime.speaker;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one key of a {@code v1 Secret}: {@code stringData} (plain text) wins over {@code data} (base64), as the
 * API server merges them. A value that is not base64 is reported by Secret and key, never by its content. Pure.
 */
final class SecretValues {

    private static final Logger LOG = LoggerFactory.getLogger(SecretValues.class);

    private SecretValues() {
    }

    /**
     * @param secret     {@code namespace/name}, for the log
     * @param data       {@code data}, base64 values (may be null)
     * @param stringData {@code stringData}, plain values (may be null)
     */
    static Optional<String> value(String secret, Map<?, ?> data, Map<?, ?> stringData, String key) {
        if (stringData != null && stringData.get(key) instanceof String plain) {
            return Optional.of(plain);
        }
        if (data == null || !(data.get(key) instanceof String encoded)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getDecoder().decode(encoded.replaceAll("\\s", "")), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            LOG.warn("Secret {}: data.{} is not base64; write it base64-encoded under data or plain under stringData",
                    secret, key);
            return Optional.empty();
        }
    }
}
