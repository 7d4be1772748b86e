package io.barelb.announcer.bgp;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.plugin.LbPlugin;
import java.util.List;

/** The bgp plugin's entry point, listed in {@code META-INF/services/io.barelb.api.plugin.LbPlugin}. */
public final class BgpPlugin implements LbPlugin {

    /** Netty's switch for its JFR events (buffer allocators); {@code -Dio.netty.jfr.enabled=true} turns them on. */
    static final String NETTY_JFR = "io.netty.jfr.enabled";

    static {
        // Before any Netty class initialises: with JFR in the JDK, Netty's allocator asks JFR whether its events are
        // on at the first buffer, which loads and sets up JFR's event machinery (about 300 classes) on the way to
        // the first OPEN: 80-125 ms of a speaker's start (docs/performance.md, "Footprint"). Nothing records them
        // unless asked.
        if (System.getProperty(NETTY_JFR) == null) {
            System.setProperty(NETTY_JFR, "false");
        }
    }

    @Override
    public List<AnnouncerFactory> announcerFactories() {
        return List.of(new BgpAnnouncerFactory());
    }
}
