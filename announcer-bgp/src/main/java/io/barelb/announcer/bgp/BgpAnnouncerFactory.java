package io.barelb.announcer.bgp;

import io.barelb.announcer.bgp.config.BgpValidation;
import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.StatusKind;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ValidationContext;
import io.barelb.announcer.bgp.netty.BgpListeners;
import io.netty.channel.epoll.Epoll;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code bgp} protocol: BGP-4 sessions from this node to its BGPPeers, with BFD where a peer names a
 * BFDProfile. Stateless and thread-safe.
 *
 * <p>Capabilities: the announcer listens on TCP 179 for the connections its peers open, which needs
 * {@code CAP_NET_BIND_SERVICE}; without it that is logged once and the speaker only dials (outgoing BGP is an
 * ordinary TCP client: TCP MD5 and the TTL are options of its own sockets). BFD binds UDP 3784, an unprivileged
 * port.
 */
public final class BgpAnnouncerFactory implements AnnouncerFactory {

    /** The protocol name pools and advertisements refer to. */
    public static final String NAME = "bgp";
    /** The kind whose resources select what is announced to which peers. */
    public static final String ADVERTISEMENT_KIND = "BGPAdvertisement";
    /** MetalLB's per-Service status of BGP ({@code api/v1beta1/servicebgpstatus_types.go}); its CRD ships in this jar. */
    public static final StatusKind SERVICE_BGP_STATUS = new StatusKind("metallb.io/v1beta1", "ServiceBGPStatus",
            "servicebgpstatuses", "bgp-");
    /** The system property that moves the listening port off 179. */
    public static final String LISTEN_PORT_PROPERTY = "barelb.bgp.listenPort";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<String> resourceKinds() {
        return BgpValidation.KINDS;
    }

    @Override
    public Optional<String> advertisementKind() {
        return Optional.of(ADVERTISEMENT_KIND);
    }

    /** The plugin's rules without pools (hosts before SPI 0.2 call this). */
    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources) {
        return BgpValidation.validate(resources);
    }

    /** The plugin's rules, with the configuration's pools for the rules against the pools an advertisement selects. */
    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        return BgpValidation.validate(resources, context.pools());
    }

    /** MetalLB's {@code ServiceBGPStatus}: per Service this node should advertise, the BGPPeers it goes to. */
    @Override
    public Optional<StatusKind> statusKind() {
        return Optional.of(SERVICE_BGP_STATUS);
    }

    /** The listening port: {@value #LISTEN_PORT_PROPERTY} (for labs and tests), else 179. */
    static int listenPort() {
        return Integer.getInteger(LISTEN_PORT_PROPERTY, BgpListeners.BGP_PORT);
    }

    /** When this process started (the JVM's start), else now. */
    private static Instant processStart(PluginContext context) {
        return ProcessHandle.current().info().startInstant().orElseGet(() -> context.clock().instant());
    }

    /**
     * A BGP announcer for this node.
     *
     * @throws LbException INVALID_CONFIG without a node name, NETWORK_FAILURE without Netty's epoll transport
     */
    @Override
    public Announcer create(PluginContext context) {
        String node = context.nodeName().orElseThrow(() -> new LbException(ErrorCode.INVALID_CONFIG,
                "the bgp announcer needs this node's name: start the speaker with --node or NODE_NAME"));
        if (!Epoll.isAvailable()) {
            throw new LbException(ErrorCode.NETWORK_FAILURE, "the bgp announcer needs Netty's native epoll transport "
                    + "(Linux x86_64): " + Epoll.unavailabilityCause());
        }
        return new BgpAnnouncer(node, context, LocalAddresses.system(), listenPort(), processStart(context));
    }
}
