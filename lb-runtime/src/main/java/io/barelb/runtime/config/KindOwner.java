package io.barelb.runtime.config;

import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import io.barelb.api.config.ResourceKind;
import io.barelb.api.config.ValidationContext;
import java.util.List;

/**
 * One entry of the {@link KindRegistry}: the configuration kinds one owner claims and the rules that judge them. An
 * announcer plugin is one ({@link #of(String, String, AnnouncerFactory)}). Thread-safe.
 */
public interface KindOwner {

    /** The plugin's name (its folder's name), e.g. {@code layer2}. */
    String plugin();

    /** Where the claim comes from, for messages: the plugin's folder. */
    String origin();

    /** The kinds claimed. */
    List<ResourceKind> kinds();

    /** Every problem in {@code resources} (all of this owner's kinds, none other), all at once. */
    List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context);

    /** The kind of the per-Service status objects the speaker writes for this owner's announcer, if any. */
    default java.util.Optional<io.barelb.api.announce.StatusKind> statusKind() {
        return java.util.Optional.empty();
    }

    /** The kinds of an announcer factory, claimed by plugin {@code plugin} from {@code origin}. */
    static KindOwner of(String plugin, String origin, AnnouncerFactory factory) {
        return new AnnouncerKinds(plugin, origin, factory);
    }

    /** An announcer factory as a kind owner. */
    record AnnouncerKinds(String plugin, String origin, AnnouncerFactory factory) implements KindOwner {

        @Override
        public List<ResourceKind> kinds() {
            return factory.kinds();
        }

        @Override
        public List<ConfigProblem> validate(List<ConfigResource> resources, ValidationContext context) {
            return factory.validate(resources, context);
        }

        @Override
        public java.util.Optional<io.barelb.api.announce.StatusKind> statusKind() {
            return factory.statusKind();
        }
    }
}
