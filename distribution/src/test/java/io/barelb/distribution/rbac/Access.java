package io.barelb.distribution.rbac;

/**
 * One permission: a verb on a resource, cluster-wide or in one namespace, for any object or one named object.
 *
 * @param account   the ServiceAccount ({@code barelb-controller}, {@code barelb-speaker})
 * @param namespace where it applies; {@code *} means in every namespace (a ClusterRole)
 * @param group     the API group ({@code ""} for core)
 * @param resource  the resource, with its subresource ({@code services/status})
 * @param name      the object's name, or {@code *} for any object
 * @param verb      the API verb
 */
record Access(String account, String namespace, String group, String resource, String name, String verb) {

    static final String ANY = "*";

    /** True when this permission (as granted) allows {@code wanted}. */
    boolean covers(Access wanted) {
        return account.equals(wanted.account) && group.equals(wanted.group) && resource.equals(wanted.resource)
                && verb.equals(wanted.verb)
                && (namespace.equals(ANY) || namespace.equals(wanted.namespace))
                && (name.equals(ANY) || name.equals(wanted.name));
    }

    @Override
    public String toString() {
        return account + " " + verb + " " + (group.isEmpty() ? "" : group + "/") + resource
                + (name.equals(ANY) ? "" : "[" + name + "]") + (namespace.equals(ANY) ? " (cluster-wide)" : " in " + namespace);
    }
}
