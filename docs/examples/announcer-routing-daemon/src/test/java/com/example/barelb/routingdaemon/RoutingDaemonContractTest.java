package com.example.barelb.routingdaemon;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.net.IpAddress;
import io.barelb.tck.AnnouncerContract;
import io.barelb.tck.AnnouncerStates;
import io.barelb.tck.Bird;
import io.barelb.tck.InvalidResource;
import io.barelb.tck.Resources;
import io.barelb.tck.TestPluginContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;

/**
 * The example keeps BareLB's announcer contract, against a real BIRD 2 standing in for the node's daemon: announced
 * is what BIRD's routing table holds from the include file; broken is BIRD stopped.
 */
class RoutingDaemonContractTest extends AnnouncerContract {

    private static final ConfigResource AD = Resources.of("RoutingDaemonAdvertisement", "edge",
            Map.of("ipAddressPools", List.of("edge")));
    private Bird bird;

    @Override
    protected AnnouncerFactory factory() {
        return new RoutingDaemonAnnouncerFactory();
    }

    @Override
    protected TestPluginContext newContext() {
        Path reload;
        try {
            // the node's daemon: it includes the announcer's file and runs nothing that talks to a network
            bird = Bird.start("""
                    router id 198.51.100.1;
                    protocol device { }
                    include "%FOLDER%/barelb-routes.conf";
                    """, Map.of("barelb-routes.conf", ""));
            // birdc configure, through a script that counts the reloads
            reload = bird.folder().resolve("reload.sh");
            Files.writeString(reload, "#!/bin/sh\necho reload >> '" + bird.folder().resolve("reloads")
                    + "'\nexec birdc -s '" + bird.socket() + "' configure\n");
            reload.toFile().setExecutable(true);
        } catch (IOException e) {
            throw new AssertionError("starting BIRD", e);
        }
        return TestPluginContext.builder(RoutingDaemonAnnouncerFactory.NAME).node("node-1")
                .setting(DaemonSettings.FILE, bird.folder().resolve("barelb-routes.conf").toString())
                .setting(DaemonSettings.RELOAD, reload.toString()).build();
    }

    @AfterEach
    void stopBird() throws Exception {
        if (bird != null) {
            bird.close();
        }
    }

    @Override
    protected AnnouncerState desiredState() {
        return AnnouncerStates.builder().resource(AD)
                .advertise("default/web", "203.0.113.10", "edge", Set.of("node-1"), List.of(AD))
                .advertise("default/api", "203.0.113.11", "edge", Set.of("node-1", "node-2"), List.of(AD))
                .advertise("shop/cart", "203.0.113.11", "edge", Set.of("node-1", "node-2"), List.of(AD))
                .advertise("default/web6", "2001:db8::10", "edge", Set.of("node-1"), List.of(AD))
                .build();
    }

    @Override
    protected Set<IpAddress> announcedNow() throws IOException {
        return bird.hostRoutes(BirdRoutes.IPV4_PROTOCOL, BirdRoutes.IPV6_PROTOCOL);
    }

    @Override
    protected long externalActions() throws IOException {
        Path count = bird.folder().resolve("reloads");
        return Files.exists(count) ? Files.readAllLines(count).size() : 0;
    }

    @Override
    protected AnnouncerState breakAnnouncing() throws InterruptedException {
        bird.stop();
        return AnnouncerStates.only(desiredState(), ad -> !ad.service().name().equals("web"));
    }

    @Override
    protected AnnouncerState repairAnnouncing() throws IOException {
        bird.start();
        return desiredState();
    }

    @Override
    protected List<ConfigResource> validResources() {
        return List.of(AD, Resources.of("RoutingDaemonAdvertisement", "racks", Map.of("routeType", "unreachable",
                "nodeSelectors", List.of(Map.of("matchLabels", Map.of("rack", "r1"))))));
    }

    @Override
    protected List<InvalidResource> invalidResources() {
        return List.of(
                new InvalidResource(Resources.of("RoutingDaemonAdvertisement", "typo", Map.of("routetype", "blackhole")),
                        "spec.routetype"),
                new InvalidResource(Resources.of("RoutingDaemonAdvertisement", "odd", Map.of("routeType", "via")),
                        "spec.routeType"),
                new InvalidResource(Resources.of("RoutingDaemonAdvertisement", "blank", Map.of("ipAddressPools",
                        List.of(" "))), "spec.ipAddressPools[0]"));
    }
}
