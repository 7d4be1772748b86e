package io.barelb.api;

import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the host process offers a plugin. Thread-safe; valid for the life of the instance it was given to.
 */
public interface PluginContext {

    /** The plugin's name: the name of its folder under {@code plugins/}. */
    String pluginName();

    /** The job of this process. */
    Role role();

    /** This node's name ({@code --node} or {@code NODE_NAME}); empty outside a speaker. */
    Optional<String> nodeName();

    /** The clock to read time from; tests pass a controllable one. */
    Clock clock();

    /**
     * A scheduler for the plugin's timers, shut down by the runtime when the plugin's instances are closed.
     * Tasks run with the plugin's class loader as the context loader.
     */
    ScheduledExecutorService scheduler();

    /** Where Service events go. */
    EventSink events();

    /** Where metrics go. */
    Metrics metrics();

    /**
     * A setting of this plugin, by the name the plugin documents (for example {@code BARELB_MEMBERLIST_SEEDS}).
     * The host answers with what the operator set (a system property {@code -Dbarelb.memberlist.seeds=...} or an
     * environment variable of that name), else with a value it derived from the cluster (the speaker derives the
     * membership seeds from the Nodes' addresses), else empty. A plugin may fall back to its own defaults.
     */
    default Optional<String> setting(String name) {
        return Optional.empty();
    }

    /**
     * A value from a Secret in the configuration namespace (e.g. a BGP password), or empty if the Secret or
     * key does not exist (or cannot be read; the host logs why, never the value). Both {@code data} (base64) and
     * {@code stringData} are read. In a cluster the Secret is read from the Kubernetes API; with
     * {@code barelb speaker --static DIR} from the {@code v1 Secret} documents among the files. May block briefly
     * on the Kubernetes API; do not call it on an I/O thread. The host never logs, reports or prints a value, and
     * neither may a plugin: keep it out of log lines, Events, exception and status messages.
     */
    Optional<String> secret(String name, String key);
}
