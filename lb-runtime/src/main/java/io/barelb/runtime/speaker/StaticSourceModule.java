package io.barelb.runtime.speaker;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import io.barelb.api.EventSink;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.host.LoggingEventSink;
import io.barelb.runtime.host.PluginSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The speaker reads the cluster from YAML files ({@code --static}), Secrets too (those of the configuration
 * namespace); events go to the log. Only binds.
 */
public final class StaticSourceModule extends AbstractModule {

    private final Path path;
    private final String configNamespace;

    /** Files at {@code path}, Secrets of {@code metallb-system}. */
    public StaticSourceModule(Path path) {
        this(path, "metallb-system");
    }

    public StaticSourceModule(Path path, String configNamespace) {
        this.path = path;
        this.configNamespace = configNamespace;
    }

    @Override
    protected void configure() {
        bind(EventSink.class).to(LoggingEventSink.class).in(Singleton.class);
        bind(StaticSecrets.class).toInstance(new StaticSecrets(configNamespace));
        bind(SecretStore.class).to(StaticSecrets.class);
        bind(StatusResources.class).toInstance(StatusResources.NONE);
    }

    /**
     * Operator settings, plus the membership settings derived from the Nodes in the files exactly as the Kubernetes
     * mode derives them from the API (this node's InternalIP to bind, every Node's as seeds): without them no
     * membership group runs and a dead speaker's addresses would never move.
     */
    @Provides
    @Singleton
    PluginSettings pluginSettings(SpeakerSettings settings) {
        java.util.Map<String, String> derived = MembershipSettings.fromNodes(settings.nodeName(),
                StaticClusterSource.nodes(path));
        PluginSettings result = PluginSettings.fromSystem(derived);
        if (result.get(MembershipSettings.BIND).isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(StaticSourceModule.class).warn("no Node {} with an InternalIP in {}: the"
                    + " speakers form no membership group, so a speaker that dies keeps its addresses until someone"
                    + " edits the files; list every Node with its InternalIP, or set {} and {}", settings.nodeName(), path,
                    MembershipSettings.BIND, MembershipSettings.SEEDS);
        }
        return result;
    }

    @Provides
    @Singleton
    ClusterSource source(ConfigValidator validator, StaticSecrets secrets) {
        return new StaticClusterSource(path, validator, Duration.ofMillis(250), secrets);
    }
}
