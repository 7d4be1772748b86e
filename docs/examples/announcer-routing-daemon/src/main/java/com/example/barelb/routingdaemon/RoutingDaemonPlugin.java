package com.example.barelb.routingdaemon;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.plugin.LbPlugin;
import java.util.List;

/**
 * The plugin's entry point, listed in {@code META-INF/services/io.barelb.api.plugin.LbPlugin}. Cheap to construct:
 * nothing is read or started until the speaker asks the factory for an announcer.
 */
public final class RoutingDaemonPlugin implements LbPlugin {

    @Override
    public List<AnnouncerFactory> announcerFactories() {
        return List.of(new RoutingDaemonAnnouncerFactory());
    }
}
