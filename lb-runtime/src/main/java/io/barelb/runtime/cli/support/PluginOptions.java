package io.barelb.runtime.cli.support;

import io.barelb.runtime.plugin.PluginLoader;
import io.barelb.runtime.plugin.PluginRegistry;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --plugins-dir} option shared by every command that needs plugins (a picocli mixin). The default
 * is {@code $BARELB_HOME/plugins}, which the launcher sets to the distribution's folder, else {@code ./plugins}.
 */
public final class PluginOptions {

    @Option(names = "--plugins-dir", paramLabel = "DIR",
            description = "Folder with one sub-folder per plugin (default: $BARELB_HOME/plugins).")
    Path pluginsDirOption;

    /** The folder in effect. */
    public Path pluginsDir() {
        if (pluginsDirOption != null) {
            return pluginsDirOption;
        }
        String home = System.getenv("BARELB_HOME");
        return home != null && !home.isBlank() ? Path.of(home, "plugins") : Path.of("plugins");
    }

    /** Loads the plugins of {@link #pluginsDir()}. */
    public PluginRegistry load() {
        return new PluginLoader().load(pluginsDir());
    }
}
