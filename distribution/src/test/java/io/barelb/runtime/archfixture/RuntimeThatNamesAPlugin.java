package io.barelb.runtime.archfixture;

import io.barelb.announcer.archfixture.PluginThatImportsTheRuntime;

/** Breaks the rule on purpose: runtime code that names a plugin class. Test fixture only. */
public final class RuntimeThatNamesAPlugin {
    public Class<?> plugin() {
        return PluginThatImportsTheRuntime.class;
    }
}
