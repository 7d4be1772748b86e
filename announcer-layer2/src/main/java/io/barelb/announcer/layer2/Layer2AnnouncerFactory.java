package io.barelb.announcer.layer2;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.barelb.api.PluginContext;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.StatusKind;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The {@code layer2} protocol: ARP/NDP answers from one elected node per address. Stateless and thread-safe.
 *
 * <p>The announcer it builds needs {@code CAP_NET_RAW} (raw capture and injection through libpcap) and nothing
 * else (the netlink link watch needs no capability); it reads its membership settings from {@code BARELB_MEMBERLIST_*} (see {@link Layer2Settings}).
 */
public final class Layer2AnnouncerFactory implements AnnouncerFactory {

    /** The protocol name pools and advertisements refer to. */
    public static final String NAME = "layer2";
    /**
     * MetalLB's per-Service status of layer2 ({@code api/v1beta1/servicel2status_types.go}); its CRD ships in this jar.
     * Exclusive: one node announces a Service, and its object replaces the other nodes' (as MetalLB's speaker does).
     */
    public static final StatusKind SERVICE_L2_STATUS = new StatusKind("metallb.io/v1beta1", "ServiceL2Status",
            "servicel2statuses", "l2-", true);

    @Override
    public String name() {
        return NAME;
    }

    /**
     * {@code L2Advertisement}, as MetalLB defines it (under {@code metallb.io/v1beta1} and {@code barelb.io/v1beta1}):
     * this plugin's advertisement kind. Its CRD ships in this jar, {@code META-INF/barelb/crds/}.
     */
    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.metallb(L2AdvertisementConfig.KIND));
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        return L2AdvertisementConfig.validate(resources);
    }

    /** MetalLB's {@code ServiceL2Status}: one per Service this node announces, with its interfaces. */
    @Override
    public Optional<StatusKind> statusKind() {
        return Optional.of(SERVICE_L2_STATUS);
    }

    /**
     * A layer2 announcer for this node.
     *
     * @throws LbException INVALID_CONFIG when the process has no node name or a BARELB_MEMBERLIST_* value is bad
     */
    @Override
    public Announcer create(PluginContext context) {
        String node = context.nodeName().orElseThrow(() -> new LbException(ErrorCode.INVALID_CONFIG,
                "the layer2 announcer needs this node's name: start the speaker with --node or NODE_NAME"));
        Layer2Settings settings;
        try {
            // the host's settings first (the operator's, or derived from the cluster), then our own look-up
            settings = Layer2Settings.from(name -> context.setting(name)
                    .orElseGet(() -> Layer2Settings.systemLookup(name)));
        } catch (IllegalArgumentException e) {
            throw new LbException(ErrorCode.INVALID_CONFIG, e.getMessage(), e);
        }
        SpeakerMembership membership = settings.membershipEnabled()
                ? new JGroupsMembership(node, settings) : SpeakerMembership.none();
        SysfsLinks links = SysfsLinks.system();
        LinkEvents events = settings.netlink() ? new NetlinkLinkEvents() : LinkEvents.none();
        return new Layer2Announcer(node, context, new Pcap4jPacketIo(), membership, new LinkMonitor.Source(links::read,
                events, settings.linkPollMillis(), Layer2Settings.NETLINK_BACKSTOP_POLL_MILLIS),
                Duration.ofMillis(settings.joinWaitMillis()), Layer2Announcer.GRATUITOUS_BURST, Layer2Announcer.HANDBACK);
    }
}
