package io.barelb.distribution.manifest;

import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code metallb.io} CRDs, made from the {@code barelb.io} ones: same schemas, printer columns and
 * subresources, group {@code metallb.io}, and exactly the versions the runtime reads in that group (for
 * {@code BGPPeer} both MetalLB's {@code v1beta1} and its storage version {@code v1beta2}). The newest version
 * stores. A kind the runtime does not read under {@code metallb.io} (such as {@code ConfigurationState}) gets no
 * CRD here.
 */
final class MetallbCrds {

    static final String GROUP = "metallb.io";
    private static final Pattern VERSION = Pattern.compile("v(\\d+)(?:(alpha|beta)(\\d+))?");

    private MetallbCrds() {
    }

    /**
     * @param barelb the {@code barelb.io} CRDs
     * @param served what the runtime reads and writes ({@code ConfigResourceTypes.served()})
     * @throws IllegalStateException naming the kind when the runtime reads a {@code metallb.io} kind no CRD
     *                               declares, or a CRD has not exactly one version to copy
     */
    static List<Map<String, Object>> from(List<Crd> barelb, List<ResourceDefinitionContext> served) {
        Map<String, TreeSet<String>> versionsByKind = new LinkedHashMap<>();
        for (ResourceDefinitionContext type : served) {
            if (type.getGroup().equals(GROUP)) {
                versionsByKind.computeIfAbsent(type.getKind(), k -> new TreeSet<>(BY_PRIORITY)).add(type.getVersion());
            }
        }
        List<Map<String, Object>> crds = new ArrayList<>();
        for (Crd crd : barelb) {
            TreeSet<String> versions = versionsByKind.remove(crd.kind());
            if (versions != null) {
                crds.add(renamed(crd, versions));
            }
        }
        if (!versionsByKind.isEmpty()) {
            throw new IllegalStateException("the runtime reads " + versionsByKind.keySet() + " in " + GROUP
                    + " but the CRD folder declares no such kind; add its CRD (barelb.io) to the CRD folder");
        }
        return crds;
    }

    private static Map<String, Object> renamed(Crd crd, TreeSet<String> versions) {
        if (crd.versions().size() != 1) {
            throw new IllegalStateException(crd.file() + " declares " + crd.versions().size() + " versions; the "
                    + GROUP + " copy is made from exactly one, so keep one version per barelb.io CRD");
        }
        Map<String, Object> tree = YamlDocuments.parse(YamlDocuments.write(crd.tree()));
        @SuppressWarnings("unchecked")
        Map<String, Object> metadata = (Map<String, Object>) tree.get("metadata");
        metadata.put("name", crd.plural() + "." + GROUP);
        @SuppressWarnings("unchecked")
        Map<String, Object> spec = (Map<String, Object>) tree.get("spec");
        spec.put("group", GROUP);
        List<Map<String, Object>> copies = new ArrayList<>();
        for (String version : versions) {
            Map<String, Object> copy = YamlDocuments.parse(YamlDocuments.write(crd.versions().get(0)));
            copy.put("name", version);
            copy.put("served", true);
            copy.put("storage", version.equals(versions.last()));
            copies.add(copy);
        }
        spec.put("versions", copies);
        return tree;
    }

    /** Kubernetes' version priority, lowest first: alpha before beta before GA, then by number. */
    static final Comparator<String> BY_PRIORITY = Comparator.comparing(MetallbCrds::priority);

    private static Long priority(String version) {
        Matcher m = VERSION.matcher(version);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a Kubernetes API version: " + version + " (expected v1, v1beta2, ...)");
        }
        long major = Long.parseLong(m.group(1));
        long stage = m.group(2) == null ? 2 : m.group(2).equals("beta") ? 1 : 0;
        long minor = m.group(3) == null ? 0 : Long.parseLong(m.group(3));
        return stage * 1_000_000_000_000L + major * 1_000_000L + minor;
    }
}
