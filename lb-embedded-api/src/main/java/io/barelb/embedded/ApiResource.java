package io.barelb.embedded;

import java.util.List;
import java.util.Locale;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One entry of a discovery document ({@code meta/v1 APIResource}): a resource such as {@code deployments} of
 * {@code apps/v1}, or a subresource such as {@code deployments/scale}, whose {@code group}/{@code version}/{@code kind}
 * name the type it is read and written as (autoscaling/v1 Scale). Immutable.
 *
 * @param group      the API group ({@code ""} for the core group)
 * @param version    the version
 * @param name       the plural, or {@code plural/subresource}
 * @param kind       the kind
 * @param namespaced true for a namespaced resource
 * @param shortNames the short names {@code kubectl get} accepts ({@code svc})
 * @param categories the categories it belongs to ({@code all})
 * @param verbs      the verbs it accepts
 * @param listedIn   the group version whose list holds it ({@code apps/v1} for {@code deployments/scale})
 */
record ApiResource(String group, String version, String name, String kind, boolean namespaced, List<String> shortNames,
        List<String> categories, List<String> verbs, String listedIn) {

    static final List<String> EVERY_VERB = List.of("create", "delete", "deletecollection", "get", "list", "patch",
            "update", "watch");
    static final List<String> SUBRESOURCE_VERBS = List.of("get", "patch", "update");

    ApiResource {
        shortNames = List.copyOf(shortNames);
        categories = List.copyOf(categories);
        verbs = List.copyOf(verbs);
    }

    /** A resource listed in its own group version. */
    ApiResource(String group, String version, String name, String kind, boolean namespaced, List<String> shortNames,
            List<String> categories, List<String> verbs) {
        this(group, version, name, kind, namespaced, shortNames, categories, verbs,
                group.isEmpty() ? version : group + "/" + version);
    }

    /** {@code apps/v1}, or {@code v1} for the core group. */
    String groupVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** The subresource {@code plural/sub} of this resource, of the same type. */
    ApiResource subresource(String sub) {
        return new ApiResource(group, version, name + "/" + sub, kind, namespaced, List.of(), List.of(), SUBRESOURCE_VERBS,
                listedIn);
    }

    /** The scale subresource of this resource, written as an autoscaling/v1 Scale. */
    ApiResource scale() {
        return new ApiResource("autoscaling", "v1", name + "/scale", "Scale", namespaced, List.of(), List.of(),
                SUBRESOURCE_VERBS, listedIn);
    }

    boolean isSubresource() {
        return name.contains("/");
    }

    /** Adds this entry to {@code resources} as the API server writes it, {@code ownGroupVersion} being the list's. */
    void addTo(ArrayNode resources, String ownGroupVersion) {
        ObjectNode entry = resources.addObject();
        entry.put("name", name);
        entry.put("singularName", isSubresource() ? "" : kind.toLowerCase(Locale.ROOT));
        entry.put("namespaced", namespaced);
        if (!groupVersion().equals(ownGroupVersion)) {
            entry.put("group", group);
            entry.put("version", version);
        }
        entry.put("kind", kind);
        ArrayNode verbList = entry.putArray("verbs");
        verbs.forEach(verbList::add);
        if (!shortNames.isEmpty()) {
            ArrayNode list = entry.putArray("shortNames");
            shortNames.forEach(list::add);
        }
        if (!categories.isEmpty()) {
            ArrayNode list = entry.putArray("categories");
            categories.forEach(list::add);
        }
    }
}
