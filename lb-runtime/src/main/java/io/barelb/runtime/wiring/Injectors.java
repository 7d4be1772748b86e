package io.barelb.runtime.wiring;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Stage;
import io.barelb.runtime.plugin.PluginRegistry;
import java.time.Clock;

/**
 * The one place a process creates its injector: the shared {@link PluginModule} plus the module of the
 * process's role (controller or speaker). Call it once per process.
 */
public final class Injectors {

    private Injectors() {
    }

    /** The injector of a process with the given role modules (the role's, and where it reads the cluster from). */
    public static Injector create(PluginRegistry registry, Module... roleModules) {
        return create(registry, Clock.systemUTC(), roleModules);
    }

    /**
     * The same with another clock, the one every part of the process reads time from (tests pass a manual one).
     * Creating the injector builds nothing that starts a thread or opens a connection: that is each part's
     * {@code start()}.
     */
    public static Injector create(PluginRegistry registry, Clock clock, Module... roleModules) {
        Module[] modules = new Module[roleModules.length + 1];
        modules[0] = new PluginModule(registry, clock);
        System.arraycopy(roleModules, 0, modules, 1, roleModules.length);
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }
}
