package io.barelb.runtime.config;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.List;

/**
 * The BGP kinds ({@code BGPPeer}, {@code BGPAdvertisement}, {@code BFDProfile}, {@code Community}) and their rules,
 * claimed on behalf of plugin {@code bgp} until that plugin claims them itself: the {@link KindRegistry} uses this
 * entry only while no loaded plugin claims any of these kinds. Moving the rules into {@code announcer-bgp} is this
 * class's {@link #kinds()} and {@link #validate} becoming its factory's {@code kinds()} and {@code validate}
 * (together with {@link BgpConfigRules}, {@link BgpPeerRules} and {@link Communities}), and this entry going from
 * {@link KindRegistry#FALLBACKS}. The cross-kind check of aggregation lengths against pools stays in the runtime
 * ({@link AdvertisementChecks}).
 */
final class BuiltInBgpRules implements KindOwner {

    static final String PLUGIN = "bgp";

    @Override
    public String plugin() {
        return PLUGIN;
    }

    @Override
    public String origin() {
        return "the runtime's built-in rules for plugin " + PLUGIN;
    }

    @Override
    public List<ResourceKind> kinds() {
        return List.of(ResourceKind.metallb(ConfigKinds.BGP_PEER), ResourceKind.metallb(ConfigKinds.BGP_ADVERTISEMENT),
                ResourceKind.metallb(ConfigKinds.BFD_PROFILE), ResourceKind.metallb(ConfigKinds.COMMUNITY));
    }

    @Override
    public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
        Problems problems = new Problems();
        BgpConfigRules.check(resources, problems);
        return problems.list();
    }

    /** No BGP announcer is installed while these rules stand in for it. */
    @Override
    public boolean announced() {
        return false;
    }
}
