package io.barelb.runtime.cli.support;

import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import io.barelb.runtime.host.HostValidationContext;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import io.barelb.runtime.plugin.PluginLoader;
import io.barelb.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins-dir} option shared by every command that needs plugins (a picocli mixin). The default
 * is {@code $BARELB_HOME/plugins}, which the launcher sets to the distribution's folder, else {@code ./plugins}.
 * Plugins are loaded on first use, after the command line is parsed; a command built for a test or an embedding
 * may be given its factories instead ({@link #of(List, List)}).
 */
public final class PluginOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Folder with one sub-folder per plugin (default: $BARELB_HOME/plugins).")
    Path pluginsDirOption;

    private PluginRegistry registry;

    /** Options that load plugins from {@code --plugins-dir}. */
    public PluginOptions() {
    }

    /** Options whose plugins are these factories; {@code --plugins-dir} is then ignored. */
    public static PluginOptions of(List<IpamFactory> ipamFactories, List<AnnouncerFactory> announcerFactories) {
        PluginOptions options = new PluginOptions();
        options.registry = PluginRegistry.of(ipamFactories, announcerFactories);
        return options;
    }

    /** The folder in effect. */
    public Path pluginsDir() {
        if (pluginsDirOption != null) {
            return pluginsDirOption;
        }
        String home = System.getenv("BARELB_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "plugins") : Path.of("plugins");
    }

    /** The plugins: the given ones, or those of {@link #pluginsDir()}, loaded once. */
    public synchronized PluginRegistry registry() {
        if (registry == null) {
            registry = new PluginLoader().load(pluginsDir());
        }
        return registry;
    }

    /**
     * The validator of these plugins: pool entries by the IPAM plugins, every other kind by its owner in the
     * plugins' {@link io.barelb.runtime.config.KindRegistry}, with the operator's settings.
     */
    public ConfigValidator validator() {
        PluginRegistry plugins = registry();
        return new ConfigValidator(plugins.ipamFactories(), io.barelb.runtime.config.KindRegistry.of(plugins), HostValidationContext::fromSystem);
    }

    /** Prints each notice of {@code validation} (kinds nobody claims) as a warning line. */
    public static void printNotices(Validation validation, java.io.PrintWriter err) {
        validation.notices().forEach(notice -> err.println("warning: " + notice.message()));
        err.flush();
    }

    /** Loads the plugins of {@link #pluginsDir()} (alias of {@link #registry()}). */
    public PluginRegistry load() {
        return registry();
    }
}
