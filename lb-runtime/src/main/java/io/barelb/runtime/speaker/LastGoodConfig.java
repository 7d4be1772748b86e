package io.barelb.runtime.speaker;

import io.barelb.api.config.ConfigProblem;
import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.config.Validation;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configuration in force for a source: each new set of objects is read and validated, and replaces the
 * previous configuration only when valid; otherwise every problem is logged and the last good one stays. Notices
 * (resources of kinds no installed plugin claims) are logged when they change.
 * Not thread-safe: a source calls it from its one reading thread.
 */
final class LastGoodConfig {

    private static final Logger LOG = LoggerFactory.getLogger(LastGoodConfig.class);

    private final ConfigValidator validator;
    private ClusterConfig inForce = ClusterConfig.empty();
    /** The notices last logged (kinds nobody claims), so that each is logged once, not on every rebuild. */
    private List<ConfigProblem> noticed = List.of();

    LastGoodConfig(ConfigValidator validator) {
        this.validator = validator;
    }

    /** Reads {@code objects} (configuration and anything else, which is ignored) and returns what is in force. */
    ClusterConfig offer(String source, List<Object> objects) {
        Validation validation = validator.validate(validator.reader().readObjects(source, objects));
        if (!validation.notices().equals(noticed)) {
            noticed = validation.notices();
            noticed.forEach(notice -> LOG.warn("{}", notice.message()));
        }
        if (validation.valid()) {
            inForce = validation.orThrow();
        } else {
            LOG.error("the configuration in {} is invalid; the last good configuration stays in force:", source);
            for (ConfigProblem problem : validation.problems()) {
                LOG.error("  {}", problem.message());
            }
        }
        return inForce;
    }
}
