package io.barelb.runtime.host;

import io.barelb.api.config.ValidationContext;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * The {@link ValidationContext} the host gives a plugin: the same settings its {@code PluginContext} answers with,
 * and read-only Secrets when the process can read them. Immutable.
 */
public final class HostValidationContext implements ValidationContext {

    private final String pluginName;
    private final PluginSettings settings;
    private final BiFunction<String, String, Optional<String>> secrets;

    public HostValidationContext(String pluginName, PluginSettings settings,
                                 BiFunction<String, String, Optional<String>> secrets) {
        this.pluginName = pluginName;
        this.settings = settings;
        this.secrets = secrets;
    }

    /** Operator settings from system properties and the environment; no Secrets (tools, the controller). */
    public static HostValidationContext fromSystem(String pluginName) {
        return new HostValidationContext(pluginName, PluginSettings.fromSystem(java.util.Map.of()),
                (name, key) -> Optional.empty());
    }

    @Override
    public String pluginName() {
        return pluginName;
    }

    @Override
    public Optional<String> setting(String name) {
        return settings.get(name);
    }

    @Override
    public Optional<String> secret(String name, String key) {
        return secrets.apply(name, key);
    }
}
