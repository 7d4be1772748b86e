package io.barelb.runtime.plugin;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;

/**
 * The class loader of one plugin folder. Its parent is the platform loader, so a plugin sees the JDK and its
 * own jars, and nothing of the runtime's class path except the packages it shares on purpose: the SPI
 * ({@code io.barelb.api.}) and the logging API ({@code org.slf4j.}), which come from the runtime so that
 * values and log calls cross the boundary. A plugin may therefore bundle its own Netty or Jackson version.
 */
final class PluginClassLoader extends URLClassLoader {

    /** Package prefixes that every plugin shares with the runtime. */
    static final List<String> SHARED_PREFIXES = List.of("io.barelb.api.", "org.slf4j.");

    static {
        registerAsParallelCapable();
    }

    private final ClassLoader runtimeLoader;

    PluginClassLoader(String pluginName, List<URL> jars, ClassLoader runtimeLoader) {
        super("plugin-" + pluginName, jars.toArray(URL[]::new), ClassLoader.getPlatformClassLoader());
        this.runtimeLoader = runtimeLoader;
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (isShared(name)) {
            return runtimeLoader.loadClass(name);
        }
        return super.loadClass(name, resolve);
    }

    static boolean isShared(String className) {
        for (String prefix : SHARED_PREFIXES) {
            if (className.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }
}
