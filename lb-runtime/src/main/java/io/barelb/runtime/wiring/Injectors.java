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
        Module[] modules = new Module[roleModules.length + 1];
        modules[0] = new PluginModule(registry, Clock.systemUTC());
        System.arraycopy(roleModules, 0, modules, 1, roleModules.length);
        return Guice.createInjector(Stage.PRODUCTION, modules);
    }
}
