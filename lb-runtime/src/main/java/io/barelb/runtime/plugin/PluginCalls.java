package io.barelb.runtime.plugin;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import java.util.function.Supplier;

/**
 * Runs code of one plugin: with the plugin's class loader as the thread's context loader, and with any
 * exception other than an {@link LbException} turned into one that names the plugin, the call and every cause of
 * the failure (see {@link Causes}), so that the user reads why without a stack trace.
 */
final class PluginCalls {

    private final String pluginName;
    private final ClassLoader loader;

    PluginCalls(String pluginName, ClassLoader loader) {
        this.pluginName = pluginName;
        this.loader = loader;
    }

    String pluginName() {
        return pluginName;
    }

    ClassLoader loader() {
        return loader;
    }

    /** Calls {@code body} inside the plugin; {@code what} names the call for the error message. */
    <T> T call(String what, Supplier<T> body) {
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return body.get();
        } catch (LbException e) {
            throw e;
        } catch (RuntimeException | LinkageError e) {
            throw new LbException(ErrorCode.PLUGIN_FAILURE,
                    "plugin \"" + pluginName + "\" failed in " + what + ": " + Causes.describe(e), e);
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** Like {@link #call(String, Supplier)} for calls without a result. */
    void run(String what, Runnable body) {
        call(what, () -> {
            body.run();
            return null;
        });
    }
}
