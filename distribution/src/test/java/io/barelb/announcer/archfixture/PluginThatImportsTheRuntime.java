package io.barelb.announcer.archfixture;

import io.barelb.runtime.archfixture.RuntimeThatNamesAPlugin;

/** Breaks the rule on purpose: plugin code that uses a runtime class. Test fixture only. */
public final class PluginThatImportsTheRuntime {
    public RuntimeThatNamesAPlugin runtime() {
        return new RuntimeThatNamesAPlugin();
    }
}
