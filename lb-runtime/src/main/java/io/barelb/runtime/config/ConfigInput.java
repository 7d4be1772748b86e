package io.barelb.runtime.config;

import io.barelb.api.config.ConfigProblem;
import io.barelb.api.config.ConfigResource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Configuration as read, before validation: the resources of every kind (from CRs of either group and from
 * the legacy ConfigMap, converted), and the problems found while reading. Immutable.
 *
 * @param resources the resources, in the order read
 * @param origins   for resources converted from the legacy ConfigMap, where they came from
 * @param problems  problems found while reading (bad YAML, unknown kinds, legacy rules)
 * @param ignored   how many objects were skipped because they are no configuration (other kinds)
 * @param notices   resources left out that do not make the configuration invalid: kinds no installed plugin claims
 */
public record ConfigInput(List<ConfigResource> resources, Map<ResourceId, LegacyOrigin> origins,
                          List<ConfigProblem> problems, int ignored, List<ConfigProblem> notices) {

    public ConfigInput {
        resources = List.copyOf(resources);
        origins = Map.copyOf(origins);
        problems = List.copyOf(problems);
        notices = List.copyOf(notices);
    }

    /** An input without notices. */
    public ConfigInput(List<ConfigResource> resources, Map<ResourceId, LegacyOrigin> origins,
                       List<ConfigProblem> problems, int ignored) {
        this(resources, origins, problems, ignored, List.of());
    }

    /** Nothing at all. */
    public static ConfigInput empty() {
        return new ConfigInput(List.of(), Map.of(), List.of(), 0);
    }

    /** Every input together, in order (several files, or CRs plus the ConfigMap). */
    public static ConfigInput merge(List<ConfigInput> inputs) {
        List<ConfigResource> resources = new ArrayList<>();
        Map<ResourceId, LegacyOrigin> origins = new LinkedHashMap<>();
        List<ConfigProblem> problems = new ArrayList<>();
        List<ConfigProblem> notices = new ArrayList<>();
        int ignored = 0;
        for (ConfigInput input : inputs) {
            resources.addAll(input.resources);
            input.origins.forEach(origins::putIfAbsent);
            problems.addAll(input.problems);
            notices.addAll(input.notices);
            ignored += input.ignored;
        }
        return new ConfigInput(resources, origins, problems, ignored, notices);
    }

    /** The resources of one kind, in order. */
    public List<ConfigResource> resources(String kind) {
        return resources.stream().filter(r -> r.kind().equals(kind)).toList();
    }
}
