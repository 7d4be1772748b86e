package io.barelb.runtime.speaker;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The speaker's own Pod, from the downward-API variables {@code POD_NAME}, {@code POD_UID} and
 * {@code POD_NAMESPACE}, as the owner of the status objects it creates: Kubernetes' garbage collector then removes
 * them with the Pod, as MetalLB's speaker arranges. Kubernetes refuses cross-namespace owners (a dependent whose
 * namespaced owner is elsewhere counts as orphaned and is collected), so there is an owner only when the Pod runs in
 * the configuration namespace.
 */
final class SpeakerPod {

    private static final Logger LOG = LoggerFactory.getLogger(SpeakerPod.class);

    private SpeakerPod() {
    }

    /** The owner reference for objects written in {@code namespace}, when the environment names this Pod there. */
    static Optional<OwnerReference> ownerIn(Map<String, String> env, String namespace) {
        String name = env.getOrDefault("POD_NAME", "");
        String uid = env.getOrDefault("POD_UID", "");
        String podNamespace = env.getOrDefault("POD_NAMESPACE", "");
        if (name.isEmpty() || uid.isEmpty()) {
            return Optional.empty();
        }
        if (!podNamespace.equals(namespace)) {
            LOG.info("the speaker Pod {} runs in namespace \"{}\", not in the configuration namespace {}: its status"
                    + " objects carry no owner reference and are removed by the speakers, not with the Pod", name,
                    podNamespace, namespace);
            return Optional.empty();
        }
        return Optional.of(new OwnerReferenceBuilder().withApiVersion("v1").withKind("Pod").withName(name).withUid(uid)
                .build());
    }
}
