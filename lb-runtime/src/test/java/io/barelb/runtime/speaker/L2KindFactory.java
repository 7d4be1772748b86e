package io.barelb.runtime.speaker;

import io.barelb.api.announce.AnnouncerFactory;
import java.util.Set;

/** A test announcer factory of a given name that owns the {@code L2Advertisement} kind. */
abstract class L2KindFactory implements AnnouncerFactory {

    private final String name;

    L2KindFactory(String name) {
        this.name = name;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Set<String> resourceKinds() {
        return Set.of("L2Advertisement");
    }
}
