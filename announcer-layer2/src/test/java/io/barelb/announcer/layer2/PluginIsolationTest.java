package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.plugin.LbPlugin;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The plugin as the runtime loads it: its jar and private libraries (JGroups, pcap4j, JNA) in a class loader of
 * their own whose parent is the platform loader, with only {@code io.barelb.api.} and {@code org.slf4j.}
 * delegated to the host. JGroups reads its own resources and loads its protocols there, so this is where a
 * class-loading mistake would show.
 */
class PluginIsolationTest {

    private final List<AutoCloseable> toClose = new ArrayList<>();
    private URLClassLoader loader;

    @AfterEach
    void close() throws Exception {
        for (AutoCloseable closeable : toClose) {
            closeable.close();
        }
        if (loader != null) {
            loader.close();
        }
    }

    @Test
    void theFactoryComesFromThePluginsOwnLoaderAndJGroupsWorksThere() throws Exception {
        loader = pluginLoader();

        AnnouncerFactory factory = ServiceLoader.load(LbPlugin.class, loader).stream()
                .flatMap(provider -> provider.get().announcerFactories().stream())
                .filter(candidate -> candidate.name().equals("layer2")).findFirst().orElseThrow();

        assertThat(factory.getClass().getClassLoader()).isSameAs(loader);
        assertThat(loader.loadClass("org.jgroups.JChannel").getClassLoader()).isSameAs(loader);

        int portA = freePort();
        int portB = freePort();
        String seeds = "127.0.0.1:" + portA + ",127.0.0.1:" + portB;
        String cluster = "isolation-" + System.nanoTime();
        Object a = membership("node-a", Map.of("BARELB_MEMBERLIST_BIND", "127.0.0.1:" + portA,
                "BARELB_MEMBERLIST_SEEDS", seeds, "BARELB_MEMBERLIST_CLUSTER", cluster));
        Object b = membership("node-b", Map.of("BARELB_MEMBERLIST_BIND", "127.0.0.1:" + portB,
                "BARELB_MEMBERLIST_SEEDS", seeds, "BARELB_MEMBERLIST_CLUSTER", cluster));

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (!(alive(a).equals(Set.of("node-a", "node-b")) && alive(b).equals(Set.of("node-a", "node-b")))) {
            assertThat(System.nanoTime()).as("both members see each other within 20 s").isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    private Object membership(String node, Map<String, String> env) throws Exception {
        Class<?> settingsType = loader.loadClass("io.barelb.announcer.layer2.Layer2Settings");
        Method from = settingsType.getDeclaredMethod("from", UnaryOperator.class);
        from.setAccessible(true);
        UnaryOperator<String> lookup = env::get;
        Object settings = from.invoke(null, lookup);
        Constructor<?> constructor = loader.loadClass("io.barelb.announcer.layer2.JGroupsMembership")
                .getDeclaredConstructor(String.class, settingsType);
        constructor.setAccessible(true);
        Object membership = constructor.newInstance(node, settings);
        toClose.add((AutoCloseable) membership);
        Method start = membership.getClass().getDeclaredMethod("start", Runnable.class);
        start.setAccessible(true);
        ClassLoader previous = Thread.currentThread().getContextClassLoader();
        Thread.currentThread().setContextClassLoader(loader);
        try {
            start.invoke(membership, (Runnable) () -> { });
        } finally {
            Thread.currentThread().setContextClassLoader(previous);
        }
        return membership;
    }

    @SuppressWarnings("unchecked")
    private static Set<String> alive(Object membership) throws Exception {
        Method view = membership.getClass().getDeclaredMethod("view");
        view.setAccessible(true);
        Object snapshot = view.invoke(membership);
        Method alive = snapshot.getClass().getDeclaredMethod("alive");
        alive.setAccessible(true);
        return (Set<String>) alive.invoke(snapshot);
    }

    /** target/classes plus the plugin's runtime libraries, over a parent that shares only the SPI and slf4j. */
    private static URLClassLoader pluginLoader() throws Exception {
        Path target = Path.of(System.getProperty("barelb.layer2.target", "target")).toAbsolutePath();
        List<URL> urls = new ArrayList<>();
        urls.add(target.resolve("classes").toUri().toURL());
        for (String entry : Files.readString(target.resolve("test-classpath.txt")).trim().split(":")) {
            String name = Path.of(entry).getFileName().toString();
            if (name.startsWith("jgroups-") || name.startsWith("pcap4j-core-") || name.startsWith("jna-")) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        assertThat(urls).hasSize(4);
        ClassLoader host = PluginIsolationTest.class.getClassLoader();
        ClassLoader parent = new ClassLoader(ClassLoader.getPlatformClassLoader()) {
            @Override
            protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
                if (name.startsWith("io.barelb.api.") || name.startsWith("org.slf4j.")) {
                    return host.loadClass(name);
                }
                return super.loadClass(name, resolve);
            }
        };
        return new URLClassLoader("plugin-layer2", urls.toArray(URL[]::new), parent);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
