package io.barelb.runtime.plugin;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;

/** A plugin folder cannot be used; the message names the folder and what to do. Stops start-up. */
public final class PluginLoadException extends LbException {

    private static final long serialVersionUID = 1L;

    PluginLoadException(String message) {
        super(ErrorCode.PLUGIN_LOAD_FAILURE, message);
    }

    PluginLoadException(String message, Throwable cause) {
        super(ErrorCode.PLUGIN_LOAD_FAILURE, message, cause);
    }
}
