package io.barelb.api.announce;

import java.util.Objects;

/**
 * A Kubernetes kind whose objects say, per Service, what one node does for it: MetalLB's {@code ServiceL2Status}
 * and {@code ServiceBGPStatus}, or a kind of your own. An announcer factory declares it with
 * {@link AnnouncerFactory#statusKind()}; in a cluster the speaker then keeps, in the configuration namespace, one
 * object of this kind per Service its announcer lists in {@link Announcer#serviceStatuses()}:
 *
 * <ul>
 *   <li>named {@code namePrefix} plus a random suffix (Kubernetes' {@code generateName}), labelled
 *       {@code metallb.io/node}, {@code metallb.io/service-name} and {@code metallb.io/service-namespace};</li>
 *   <li>its {@code status} is {@code node}, {@code serviceName}, {@code serviceNamespace} and the fields of the
 *       {@link ServiceStatus}, written through the status subresource only when they change;</li>
 *   <li>objects of this node for Services no longer listed are deleted;</li>
 *   <li>when the kind is {@code exclusive} (one node announces a Service at a time, as layer2 does), the node that
 *       lists a Service also deletes the other nodes' objects for it, so after a failover only the new owner's
 *       object remains even when the old owner died without cleaning up (MetalLB's {@code ServiceL2Status}
 *       behaves so). Leave it false where several nodes announce one Service (BGP).</li>
 * </ul>
 *
 * <p>When the speaker knows its own Pod (the downward-API variables {@code POD_NAME}, {@code POD_UID} and
 * {@code POD_NAMESPACE}, and the Pod runs in the configuration namespace), new objects carry an owner reference to
 * it, so Kubernetes' garbage collector removes them with the Pod.
 *
 * <p>Ship the kind's CRD in your jar under {@code META-INF/barelb/crds/} (with the status subresource), and grant the
 * speaker's Role {@code list}, {@code create}, {@code delete} on {@code PLURAL} and {@code update} on
 * {@code PLURAL/status}. In static mode nothing is written. Immutable.
 *
 * @param apiVersion {@code group/version} the objects are written as, e.g. {@code metallb.io/v1beta1}
 * @param kind       the kind, e.g. {@code ServiceBGPStatus}
 * @param plural     its plural resource name, e.g. {@code servicebgpstatuses}
 * @param namePrefix the {@code generateName} of new objects, e.g. {@code bgp-}
 * @param exclusive  one node announces a Service at a time: its object replaces the other nodes' (since 0.4)
 * @since 0.3
 */
public record StatusKind(String apiVersion, String kind, String plural, String namePrefix, boolean exclusive) {

    /** A kind several nodes may hold objects of for one Service ({@code exclusive} false), as in 0.3. */
    public StatusKind(String apiVersion, String kind, String plural, String namePrefix) {
        this(apiVersion, kind, plural, namePrefix, false);
    }

    public StatusKind {
        Objects.requireNonNull(apiVersion, "apiVersion");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(plural, "plural");
        Objects.requireNonNull(namePrefix, "namePrefix");
        int slash = apiVersion.indexOf('/');
        if (slash <= 0 || slash == apiVersion.length() - 1 || apiVersion.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("apiVersion \"" + apiVersion + "\" of status kind " + kind
                    + " must be GROUP/VERSION, e.g. metallb.io/v1beta1");
        }
        if (!kind.matches("[A-Za-z][A-Za-z0-9]*")) {
            throw new IllegalArgumentException("status kind \"" + kind + "\" must be a letter followed by letters and"
                    + " digits");
        }
        if (!plural.matches("[a-z][a-z0-9]*")) {
            throw new IllegalArgumentException("plural \"" + plural + "\" of status kind " + kind
                    + " must be lower-case letters and digits");
        }
        if (!namePrefix.matches("[a-z0-9]([-a-z0-9]*)?")) {
            throw new IllegalArgumentException("namePrefix \"" + namePrefix + "\" of status kind " + kind
                    + " must be lower-case letters, digits and dashes, e.g. bgp-");
        }
    }

    /** The API group, e.g. {@code metallb.io}. */
    public String group() {
        return apiVersion.substring(0, apiVersion.indexOf('/'));
    }

    /** The version, e.g. {@code v1beta1}. */
    public String version() {
        return apiVersion.substring(apiVersion.indexOf('/') + 1);
    }
}
