package io.barelb.announcer.bgp.config;

import io.barelb.api.config.Problems;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ConfigView;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Rules for {@code BFDProfile}, as MetalLB's {@code bfdProfileFromCR} ({@code internal/config/config.go}) and the
 * CRD markers ({@code api/v1beta1/bfdprofile_types.go}) judge them, plus one of our own: {@code echoMode: true}
 * is refused by design, because BareLB's BFD runs RFC 5880's asynchronous mode with control packets only (the
 * Echo function of §6.4 is out of its scope, docs/bfd.md says why). {@code minimumTtl} is range-checked
 * as MetalLB does but has no effect: sessions are single hop (RFC 5881 §5), so only TTL 255 is accepted.
 */
final class BfdProfileRules {

    static final String KIND = "BFDProfile";
    static final Set<String> FIELDS = Set.of("receiveInterval", "transmitInterval", "detectMultiplier",
            "echoInterval", "echoMode", "passiveMode", "minimumTtl");

    private BfdProfileRules() {
    }

    /** Checks every profile; returns the names defined. */
    static Set<String> check(List<ConfigResource> profiles, Problems problems) {
        Set<String> names = new HashSet<>();
        for (ConfigResource profile : profiles) {
            if (!names.add(profile.name())) {
                problems.add(new ConfigProblem(profile.kind(), profile.name(), "metadata.name", profile.name(),
                        "duplicate BFDProfile name"));
            }
            ConfigView spec = profile.spec();
            problems.unknownKeys(spec, FIELDS);
            problems.integerIn(spec, "receiveInterval", 10, 60000);
            problems.integerIn(spec, "transmitInterval", 10, 60000);
            problems.integerIn(spec, "detectMultiplier", 2, 255);
            problems.integerIn(spec, "echoInterval", 10, 60000);
            problems.integerIn(spec, "minimumTtl", 1, 254);
            if (problems.read(() -> spec.bool("echoMode")).orElse(false)) {
                problems.at(spec, "echoMode", "true", "the BFD Echo function is not supported (control packets only, "
                        + "RFC 5880 asynchronous mode); remove echoMode or set it to false");
            }
            problems.read(() -> spec.bool("passiveMode"));
        }
        return names;
    }

    /** The names of the profiles with {@code echoMode: true} (unreadable values are reported by {@link #check}). */
    static Set<String> echoProfiles(List<ConfigResource> profiles) {
        Set<String> names = new HashSet<>();
        for (ConfigResource profile : profiles) {
            if (new Problems().read(() -> profile.spec().bool("echoMode")).orElse(false)) {
                names.add(profile.name());
            }
        }
        return names;
    }
}
