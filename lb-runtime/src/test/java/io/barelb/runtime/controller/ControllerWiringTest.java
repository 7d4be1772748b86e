package io.barelb.runtime.controller;

import io.barelb.runtime.host.PrometheusMetrics;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.TypeLiteral;
import io.barelb.api.Metrics;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.ipam.IpamFactory;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(60)
class ControllerWiringTest {

    private final ControllerFixture cluster = new ControllerFixture();
    private LeaderElectedController elected;

    @AfterEach
    void stop() {
        if (elected != null) {
            elected.close();
        }
        cluster.close();
    }

    @Test
    void theModuleBuildsALeaderElectedControllerThatServes() {
        cluster.legacyConfig("""
                address-pools:
                - name: default
                  protocol: layer2
                  addresses: [192.168.92.200-192.168.92.210]
                """);
        // the injector exactly as `barelb controller` builds it: plugins first, then the role module
        Injector injector = io.barelb.runtime.wiring.Injectors.create(
                io.barelb.runtime.plugin.PluginRegistry.of(ControllerFixture.IPAM, List.of()),
                new ControllerModule(ControllerOptions.defaults("wired"), cluster.client),
                binder -> binder.bind(Metrics.class).toInstance(PrometheusMetrics.standalone()));
        elected = injector.getInstance(LeaderElectedController.class);

        elected.start();
        cluster.create(cluster.service("default", "nginx").build());

        assertThat(cluster.awaitIngress("default", "nginx", l -> !l.isEmpty())).containsExactly("192.168.92.200");
        assertThat(elected.isLeading()).isTrue();
    }
}
