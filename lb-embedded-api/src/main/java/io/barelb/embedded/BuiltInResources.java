package io.barelb.embedded;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.Namespaced;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The built-in Kubernetes resources the embedded API lists in discovery: every generally available type of fabric8's
 * model (the classes its jars list in {@code META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource}),
 * with group, version, kind, plural and scope read from the class, and a {@code status} subresource where the type
 * has a status. What the model does not hold is the API server's own data, written here: short names, the
 * {@code all} category, and the scale subresources. Alpha and beta versions are left out, as a current cluster
 * serves none by default ({@code apps/v1beta2} is 404), and so are the groups the model carries but a cluster gets
 * only from CRDs (Gateway API). Read once; immutable.
 */
final class BuiltInResources {

    private static final String MODEL_INDEX = "META-INF/services/io.fabric8.kubernetes.api.model.KubernetesResource";
    private static final Pattern GENERALLY_AVAILABLE = Pattern.compile("v\\d+");
    /** Groups of fabric8's model that a cluster serves only once their CRDs are installed. */
    private static final Set<String> FROM_CRDS = Set.of("gateway.networking.k8s.io");

    /** {@code kubectl api-resources} of Kubernetes 1.33: the short names, by plural and group. */
    private static final Map<String, List<String>> SHORT_NAMES = Map.ofEntries(
            Map.entry("configmaps", List.of("cm")), Map.entry("endpoints", List.of("ep")),
            Map.entry("events", List.of("ev")), Map.entry("limitranges", List.of("limits")),
            Map.entry("namespaces", List.of("ns")), Map.entry("nodes", List.of("no")),
            Map.entry("persistentvolumeclaims", List.of("pvc")), Map.entry("persistentvolumes", List.of("pv")),
            Map.entry("pods", List.of("po")), Map.entry("replicationcontrollers", List.of("rc")),
            Map.entry("resourcequotas", List.of("quota")), Map.entry("serviceaccounts", List.of("sa")),
            Map.entry("services", List.of("svc")), Map.entry("componentstatuses", List.of("cs")),
            Map.entry("apps/daemonsets", List.of("ds")), Map.entry("apps/deployments", List.of("deploy")),
            Map.entry("apps/replicasets", List.of("rs")), Map.entry("apps/statefulsets", List.of("sts")),
            Map.entry("apiextensions.k8s.io/customresourcedefinitions", List.of("crd", "crds")),
            Map.entry("autoscaling/horizontalpodautoscalers", List.of("hpa")),
            Map.entry("batch/cronjobs", List.of("cj")),
            Map.entry("certificates.k8s.io/certificatesigningrequests", List.of("csr")),
            Map.entry("events.k8s.io/events", List.of("ev")),
            Map.entry("networking.k8s.io/ingresses", List.of("ing")),
            Map.entry("networking.k8s.io/networkpolicies", List.of("netpol")),
            Map.entry("policy/poddisruptionbudgets", List.of("pdb")),
            Map.entry("scheduling.k8s.io/priorityclasses", List.of("pc")),
            Map.entry("storage.k8s.io/storageclasses", List.of("sc")));
    /** The resources {@code kubectl get all} lists, as on a real cluster. */
    private static final Set<String> IN_ALL = Set.of("pods", "replicationcontrollers", "services", "apps/daemonsets",
            "apps/deployments", "apps/replicasets", "apps/statefulsets", "autoscaling/horizontalpodautoscalers",
            "batch/cronjobs", "batch/jobs");
    private static final Set<String> SCALABLE = Set.of("replicationcontrollers", "apps/deployments", "apps/replicasets",
            "apps/statefulsets");

    private static final List<ApiResource> ALL = scan();

    private BuiltInResources() {
    }

    /** Every built-in resource and subresource, sorted by group version and name. */
    static List<ApiResource> all() {
        return ALL;
    }

    private static List<ApiResource> scan() {
        ClassLoader loader = BuiltInResources.class.getClassLoader();
        List<ApiResource> resources = new ArrayList<>();
        try {
            for (URL index : Collections.list(loader.getResources(MODEL_INDEX))) {
                for (String className : lines(index)) {
                    type(loader, className).ifPresent(type -> resources.addAll(entries(type)));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read fabric8's model index " + MODEL_INDEX, e);
        }
        resources.sort(Comparator.comparing(ApiResource::listedIn).thenComparing(ApiResource::name));
        return List.copyOf(resources);
    }

    private static java.util.Optional<Class<? extends HasMetadata>> type(ClassLoader loader, String className) {
        try {
            Class<?> type = Class.forName(className, false, loader);
            if (!HasMetadata.class.isAssignableFrom(type) || KubernetesResourceList.class.isAssignableFrom(type)
                    || type.isInterface() || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
                return java.util.Optional.empty();
            }
            @SuppressWarnings("unchecked")
            Class<? extends HasMetadata> resource = (Class<? extends HasMetadata>) type;
            String version = HasMetadata.getVersion(resource);
            String group = HasMetadata.getGroup(resource);
            if (version == null || !GENERALLY_AVAILABLE.matcher(version).matches()
                    || FROM_CRDS.contains(group == null ? "" : group)) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(resource);
        } catch (ClassNotFoundException | LinkageError missing) {
            return java.util.Optional.empty();
        }
    }

    private static List<ApiResource> entries(Class<? extends HasMetadata> type) {
        String group = HasMetadata.getGroup(type) == null ? "" : HasMetadata.getGroup(type);
        String plural = HasMetadata.getPlural(type);
        String key = group.isEmpty() ? plural : group + "/" + plural;
        ApiResource resource = new ApiResource(group, HasMetadata.getVersion(type), plural, HasMetadata.getKind(type),
                Namespaced.class.isAssignableFrom(type), SHORT_NAMES.getOrDefault(key, List.of()),
                IN_ALL.contains(key) ? List.of("all") : List.of(), ApiResource.EVERY_VERB);
        List<ApiResource> entries = new ArrayList<>(List.of(resource));
        if (hasStatus(type)) {
            entries.add(resource.subresource("status"));
        }
        if (SCALABLE.contains(key)) {
            entries.add(resource.scale());
        }
        return entries;
    }

    private static boolean hasStatus(Class<?> type) {
        try {
            type.getMethod("getStatus");
            return true;
        } catch (NoSuchMethodException none) {
            return false;
        }
    }

    private static List<String> lines(URL index) throws IOException {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(index.openStream(), StandardCharsets.UTF_8))) {
            return reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#")).toList();
        }
    }
}
