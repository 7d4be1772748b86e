package io.barelb.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.testkit.TestJars;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PluginLoaderTest {

    private static final String SERVICE_FILE = "META-INF/services/io.barelb.api.plugin.LbPlugin";
    private static final Path API = TestJars.locationOf(LbPlugin.class);

    @TempDir
    Path dir;

    /** A library jar whose one class reports {@code version}: two versions share a class name. */
    private Path library(String version) {
        return new TestJars()
                .source("com.example.shared.Greeting",
                        "package com.example.shared; public final class Greeting {"
                                + " public static String version() { return \"" + version + "\"; } }")
                .writeTo(dir.resolve("lib-" + version + ".jar"));
    }

    /** A plugin whose one announcer factory is named by {@code nameExpression} (Java, evaluated in the plugin). */
    private TestJars plugin(String pkg, String nameExpression) {
        String code = """
                package %1$s;
                import io.barelb.api.*;
                import io.barelb.api.plugin.*;
                import io.barelb.api.announce.*;
                import java.util.*;
                public final class Entry implements LbPlugin {
                  @Override public List<AnnouncerFactory> announcerFactories() {
                    return List.of(new AnnouncerFactory() {
                      @Override public String name() { return %2$s; }
                      @Override public Announcer create(PluginContext context) {
                        return new Announcer() {
                          @Override public void apply(AnnouncerState desired) { throw new IllegalStateException("refused"); }
                          @Override public List<AnnouncementStatus> status() { return List.of(); }
                          @Override public void close() { }
                        };
                      }
                    });
                  }
                }
                """.formatted(pkg, nameExpression);
        return new TestJars().source(pkg + ".Entry", code).classPath(API).resource(SERVICE_FILE, pkg + ".Entry\n");
    }

    private Path folder(String name) throws Exception {
        return Files.createDirectories(dir.resolve("plugins").resolve(name));
    }

    @Test
    void twoPluginsBundlingTwoVersionsOfOneLibraryEachSeeTheirOwn() throws Exception {
        Path v1 = library("1");
        Path v2 = library("2");
        for (String[] p : new String[][] {{"alpha", "1"}, {"beta", "2"}}) {
            Path folder = folder(p[0]);
            Path lib = p[1].equals("1") ? v1 : v2;
            Files.copy(lib, folder.resolve("greeting.jar"));
            plugin("com.example." + p[0], "\"" + p[0] + "-v\" + com.example.shared.Greeting.version()")
                    .classPath(lib).writeTo(folder.resolve(p[0] + ".jar"));
        }

        PluginRegistry registry = new PluginLoader().load(dir.resolve("plugins"));

        assertThat(registry.announcerFactories()).extracting(AnnouncerFactory::name).containsExactly("alpha-v1", "beta-v2");
        assertThat(registry.plugins()).extracting(LoadedPlugin::name).containsExactly("alpha", "beta");
        assertThat(registry.plugins().get(0).jars()).extracting(j -> j.getFileName().toString())
                .containsExactly("alpha.jar", "greeting.jar");
    }

    @Test
    void aPluginSeesTheSpiButNotTheRuntimeOrItsLibrariesAndRunsWithItsOwnContextLoader() throws Exception {
        String probe = "probe(\"io.barelb.runtime.plugin.PluginLoader\") + \",\" + probe(\"com.google.inject.Guice\")"
                + " + \",\" + probe(\"io.barelb.api.plugin.LbPlugin\")"
                + " + \",\" + (Thread.currentThread().getContextClassLoader() == Entry.class.getClassLoader())";
        Path folder = folder("probe");
        new TestJars()
                .source("com.example.probe.Entry", entryWithProbe(probe))
                .classPath(API).resource(SERVICE_FILE, "com.example.probe.Entry\n")
                .writeTo(folder.resolve("probe.jar"));

        PluginRegistry registry = new PluginLoader().load(dir.resolve("plugins"));

        assertThat(registry.announcerFactories()).extracting(AnnouncerFactory::name)
                .containsExactly("hidden,hidden,visible,true");
    }

    private static String entryWithProbe(String nameExpression) {
        return """
                package com.example.probe;
                import io.barelb.api.*;
                import io.barelb.api.plugin.*;
                import io.barelb.api.announce.*;
                import java.util.*;
                public final class Entry implements LbPlugin {
                  static String probe(String className) {
                    try {
                      Class.forName(className, false, Entry.class.getClassLoader());
                      return "visible";
                    } catch (ClassNotFoundException e) {
                      return "hidden";
                    }
                  }
                  @Override public List<AnnouncerFactory> announcerFactories() {
                    return List.of(new AnnouncerFactory() {
                      @Override public String name() { return %s; }
                      @Override public Announcer create(PluginContext context) { throw new IllegalStateException("unused"); }
                    });
                  }
                }
                """.formatted(nameExpression);
    }

    @Test
    void aFolderWithoutJarsFailsNamingTheFolder() throws Exception {
        Path folder = folder("empty");
        Files.writeString(folder.resolve("README.txt"), "no jar here");

        assertThatThrownBy(() -> new PluginLoader().load(dir.resolve("plugins")))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("holds no .jar file");
    }

    @Test
    void aJarWithoutServiceEntryFailsNamingTheFolder() throws Exception {
        Path folder = folder("nameless");
        new TestJars().source("com.example.Lonely", "package com.example; public class Lonely { }")
                .writeTo(folder.resolve("lonely.jar"));

        assertThatThrownBy(() -> new PluginLoader().load(dir.resolve("plugins")))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("META-INF/services/io.barelb.api.plugin.LbPlugin");
    }

    @Test
    void aServiceEntryNamingAMissingClassFailsNamingTheFolder() throws Exception {
        Path folder = folder("typo");
        new TestJars().resource(SERVICE_FILE, "com.example.DoesNotExist\n").writeTo(folder.resolve("typo.jar"));

        assertThatThrownBy(() -> new PluginLoader().load(dir.resolve("plugins")))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining(folder.toString())
                .hasMessageContaining("com.example.DoesNotExist");
    }

    @Test
    void twoFactoriesWithOneNameFailNamingBothFolders() throws Exception {
        Path first = folder("first");
        Path second = folder("second");
        plugin("com.example.first", "\"same\"").writeTo(first.resolve("p.jar"));
        plugin("com.example.second", "\"same\"").writeTo(second.resolve("p.jar"));

        assertThatThrownBy(() -> new PluginLoader().load(dir.resolve("plugins")))
                .isInstanceOf(PluginLoadException.class)
                .hasMessageContaining("announcer factory \"same\"")
                .hasMessageContaining(first.toString())
                .hasMessageContaining(second.toString());
    }

    @Test
    void anExceptionInsideAPluginIsReportedWithThePluginsName() throws Exception {
        plugin("com.example.grumpy", "\"grumpy\"").writeTo(folder("grumpy").resolve("p.jar"));
        PluginRegistry registry = new PluginLoader().load(dir.resolve("plugins"));
        var announcer = registry.announcer("grumpy").orElseThrow().create(null);

        assertThatThrownBy(() -> announcer.apply(AnnouncerState.empty()))
                .isInstanceOfSatisfying(LbException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PLUGIN_FAILURE))
                .hasMessageContaining("plugin \"grumpy\"")
                .hasMessageContaining("Announcer.apply()")
                .hasMessageContaining("refused");
    }

    @Test
    void aMissingPluginsFolderMeansNoPlugins() {
        assertThat(new PluginLoader().load(dir.resolve("absent")).plugins()).isEmpty();
    }
}
