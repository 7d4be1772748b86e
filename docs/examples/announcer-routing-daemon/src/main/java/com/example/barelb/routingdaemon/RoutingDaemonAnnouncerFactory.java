package com.example.barelb.routingdaemon;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.List;

/**
 * The {@code routing-daemon} protocol: this node's addresses become static routes of the routing daemon already on
 * the node (BIRD 2), which exports them to its peers. Stateless and thread-safe.
 */
public final class RoutingDaemonAnnouncerFactory implements AnnouncerFactory {

    /** The protocol name. */
    public static final String NAME = "routing-daemon";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(RouteAdvertisements.KIND);
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        return RouteAdvertisements.validate(resources);
    }

    /**
     * An announcer for this node.
     *
     * @throws LbException INVALID_CONFIG without a node name or with a bad {@code BARELB_ROUTING_DAEMON_*} setting
     */
    @Override
    public Announcer create(PluginContext context) {
        String node = context.nodeName().orElseThrow(() -> new LbException(ErrorCode.INVALID_CONFIG,
                "the routing-daemon announcer needs this node's name: start the speaker with --node or NODE_NAME"));
        DaemonSettings.Result settings = DaemonSettings.read(context::setting);
        return new RoutingDaemonAnnouncer(node, settings.settings().orElseThrow(() -> new LbException(
                ErrorCode.INVALID_CONFIG, "routing-daemon: " + String.join("; ", settings.problems()))));
    }
}
