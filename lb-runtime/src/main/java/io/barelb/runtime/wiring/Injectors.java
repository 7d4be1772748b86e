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

    /** The injector of a process with the given role module. */
    public static Injector create(PluginRegistry registry, Module roleModule) {
        return Guice.createInjector(Stage.PRODUCTION, new PluginModule(registry, Clock.systemUTC()), roleModule);
    }
}
