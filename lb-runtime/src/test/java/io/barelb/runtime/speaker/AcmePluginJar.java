package io.barelb.runtime.speaker;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.testkit.TestJars;
import java.nio.file.Path;

/**
 * A third party's announcer plugin, compiled at test time against lb-api alone: it owns the kind
 * {@code AcmeAdvertisement} ({@code barelb.io/v1beta1}, its advertisement kind) with a field of its own,
 * {@code beacon}, which its {@code validate} checks (NAME-NUMBER, and the prefix its setting
 * {@code ACME_BEACON_PREFIX} asks for, read from the validation context). Its announcer reports, per address, the
 * beacons of the advertisements that select it, so a test sees what it was handed. The jar ships its CRD in
 * {@code META-INF/barelb/crds/}.
 */
final class AcmePluginJar {

    static final String KIND = "AcmeAdvertisement";
    static final String CRD_PATH = "META-INF/barelb/crds/acmeadvertisements.barelb.io-v1.yml";

    private static final String SOURCE = """
            package com.acme.barelb;

            import io.barelb.api.PluginContext;
            import io.barelb.api.announce.*;
            import io.barelb.api.config.*;
            import io.barelb.api.plugin.LbPlugin;
            import java.util.ArrayList;
            import java.util.List;

            public final class AcmePlugin implements LbPlugin {
                @Override
                public List<AnnouncerFactory> announcerFactories() {
                    return List.of(new AcmeFactory());
                }
            }

            final class AcmeFactory implements AnnouncerFactory {
                @Override
                public String name() {
                    return "%s";
                }

                @Override
                public List<ResourceKind> kinds() {
                    return List.of(ResourceKind.of("AcmeAdvertisement", "acmeadvertisements").asAdvertisement());
                }

                @Override
                public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
                    String prefix = context.setting("ACME_BEACON_PREFIX").orElse("");
                    List<ConfigProblem> problems = new ArrayList<>();
                    for (ConfigResource resource : resources) {
                        String beacon = resource.spec().string("beacon").orElse("");
                        if (!beacon.matches("[a-z]+-[0-9]+")) {
                            problems.add(resource.spec().problemAt("beacon", beacon,
                                    "must be NAME-NUMBER, e.g. lighthouse-7 (acme's rule)"));
                        } else if (!beacon.startsWith(prefix)) {
                            problems.add(resource.spec().problemAt("beacon", beacon,
                                    "must start with " + prefix + " (ACME_BEACON_PREFIX of plugin " + context.pluginName() + ")"));
                        }
                    }
                    return problems;
                }

                @Override
                public Announcer create(PluginContext context) {
                    return new AcmeAnnouncer();
                }
            }

            final class AcmeAnnouncer implements Announcer {
                private volatile AnnouncerState state = AnnouncerState.empty();

                @Override
                public void apply(AnnouncerState desired) {
                    state = desired;
                }

                @Override
                public List<AnnouncementStatus> status() {
                    List<AnnouncementStatus> statuses = new ArrayList<>();
                    for (Advertisement advertisement : state.advertisements()) {
                        List<String> beacons = advertisement.selectedBy().stream()
                                .map(r -> r.kind() + ":" + r.spec().string("beacon").orElse("?")).toList();
                        statuses.add(new AnnouncementStatus(advertisement.service(), advertisement.address(), true,
                                beacons, "acme"));
                    }
                    return statuses;
                }

                @Override
                public void close() {
                }
            }
            """;

    private static final String CRD = """
            apiVersion: apiextensions.k8s.io/v1
            kind: CustomResourceDefinition
            metadata: {name: acmeadvertisements.barelb.io}
            spec:
              group: barelb.io
              names: {kind: AcmeAdvertisement, plural: acmeadvertisements, singular: acmeadvertisement}
              scope: Namespaced
              versions:
              - name: v1beta1
                served: true
                storage: true
                schema:
                  openAPIV3Schema:
                    type: object
                    properties:
                      spec:
                        type: object
                        properties:
                          beacon: {type: string}
                          ipAddressPools: {type: array, items: {type: string}}
            """;

    private AcmePluginJar() {
    }

    /** Writes the plugin's jar, its announcer named {@code protocol}, to {@code folder/acme.jar}. */
    static Path write(Path folder, String protocol) {
        return new TestJars()
                .source("com.acme.barelb.AcmePlugin", SOURCE.formatted(protocol))
                .classPath(TestJars.locationOf(LbPlugin.class))
                .resource("META-INF/services/io.barelb.api.plugin.LbPlugin", "com.acme.barelb.AcmePlugin\n")
                .resource(CRD_PATH, CRD)
                .writeTo(folder.resolve("acme.jar"));
    }
}
