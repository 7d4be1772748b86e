package io.barelb.announcer.bgp;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.plugin.LbPlugin;
import java.util.List;

/** The bgp plugin's entry point, listed in {@code META-INF/services/io.barelb.api.plugin.LbPlugin}. */
public final class BgpPlugin implements LbPlugin {

    @Override
    public List<AnnouncerFactory> announcerFactories() {
        return List.of(new BgpAnnouncerFactory());
    }
}
