package io.barelb.runtime.cli;

import io.barelb.runtime.plugin.LoadedPlugin;
import io.barelb.runtime.plugin.PluginRegistry;
import io.barelb.runtime.cli.support.PluginOptions;
import io.barelb.runtime.cli.support.TextTable;
import java.io.PrintWriter;
import io.barelb.api.announce.AnnouncerFactory;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * {@code barelb plugins}: lists each plugin folder, its factories, what each accepts (an IPAM factory's pool-entry
 * notation, an announcer's configuration kinds, the advertisement kind marked {@code *}) and its jars.
 */
@Command(name = "plugins", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = "List the plugins found in the plugins folder: their factories, the notations and kinds they"
                + " accept, and their jars.")
public final class PluginsCommand implements Callable<Integer> {

    @Mixin
    PluginOptions plugins;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PluginRegistry registry = plugins.load();
        out.println("Plugins in " + plugins.pluginsDir().toAbsolutePath().normalize() + ":");
        if (registry.plugins().isEmpty()) {
            out.println("(none)");
            return 0;
        }
        TextTable table = new TextTable("PLUGIN", "KIND", "NAME", "ACCEPTS", "JARS");
        for (LoadedPlugin plugin : registry.plugins()) {
            String jars = plugin.jars().stream().map(Path::getFileName).map(Path::toString).collect(Collectors.joining(","));
            List<String[]> factories = new ArrayList<>();
            plugin.ipamFactories().forEach(f -> factories.add(new String[] {"ipam", f.name(), f.notation()}));
            plugin.announcerFactories().forEach(f -> factories.add(new String[] {"announcer", f.name(), kinds(f)}));
            if (factories.isEmpty()) {
                factories.add(new String[] {"-", "-", "-"});
            }
            factories.forEach(f -> table.row(plugin.name(), f[0], f[1], f[2], jars));
        }
        out.print(table.render());
        out.flush();
        return 0;
    }

    /** An announcer's kinds, the advertisement kind marked with {@code *}, e.g. {@code L2Advertisement*}. */
    private static String kinds(AnnouncerFactory factory) {
        List<String> kinds = factory.kinds().stream().map(k -> k.kind() + (k.advertisement() ? "*" : "")).toList();
        return kinds.isEmpty() ? "-" : String.join(",", kinds);
    }
}
