package io.barelb.runtime.speaker;

import io.barelb.api.PluginContext;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** An announcer that reads Secrets through its context on every apply, as a BGP announcer reads passwords. */
final class SecretReadingFactory extends L2KindFactory {

    /** What each (secret, key) read returned on the latest apply, as {@code "secret/key"}. */
    final Map<String, Optional<String>> read = new ConcurrentHashMap<>();
    private final List<String[]> wanted;

    /** @param wanted pairs of secret name and key */
    SecretReadingFactory(List<String[]> wanted) {
        super("secretive");
        this.wanted = wanted;
    }



    /** What each (secret, key) read through the validation context returned on the latest validation. */
    final Map<String, Optional<String>> validated = new ConcurrentHashMap<>();

    @Override
    public List<io.barelb.api.config.ConfigProblem> validate(List<io.barelb.api.config.ConfigResource> resources,
                                                            io.barelb.api.config.ValidationContext context) {
        for (String[] pair : wanted) {
            validated.put(pair[0] + "/" + pair[1], context.secret(pair[0], pair[1]));
        }
        return List.of();
    }

    @Override
    public Announcer create(PluginContext context) {
        return new Announcer() {
            private volatile AnnouncerState last = AnnouncerState.empty();

            @Override
            public void apply(AnnouncerState desired) {
                last = desired;
                for (String[] pair : wanted) {
                    read.put(pair[0] + "/" + pair[1], context.secret(pair[0], pair[1]));
                }
            }

            @Override
            public List<AnnouncementStatus> status() {
                return last.advertisements().stream().map(ad -> new AnnouncementStatus(ad.service(), ad.address(), true,
                        List.of("eth0"), "announcing")).toList();
            }

            @Override
            public void close() {
            }
        };
    }
}
