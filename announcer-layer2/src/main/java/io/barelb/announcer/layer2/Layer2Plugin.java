package io.barelb.announcer.layer2;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncerFactory;
import java.util.List;

/** The layer2 plugin's entry point, listed in {@code META-INF/services/io.barelb.api.plugin.LbPlugin}. */
public final class Layer2Plugin implements LbPlugin {

    @Override
    public List<AnnouncerFactory> announcerFactories() {
        return List.of(new Layer2AnnouncerFactory());
    }
}
