package io.barelb.runtime.kube;

import io.fabric8.kubernetes.api.model.ObjectReference;

/**
 * What makes two Events the same Event for aggregation: the object, the type, the reason and the message (and
 * the component writing them, one per sink).
 *
 * @param namespace  the involved object's namespace (where the Event is written)
 * @param apiVersion the involved object's apiVersion
 * @param kind       the involved object's kind
 * @param name       the involved object's name
 */
record EventKey(String namespace, String apiVersion, String kind, String name, String type, String reason,
                String message) {

    static EventKey of(ObjectReference object, String type, String reason, String message) {
        return new EventKey(object.getNamespace(), object.getApiVersion(), object.getKind(), object.getName(), type,
                reason, message);
    }

    /** The object, as the rate limiter's key. */
    String object() {
        return kind + "/" + namespace + "/" + name;
    }
}
