package io.barelb.runtime.kube;

import io.barelb.runtime.config.ConfigInput;
import io.barelb.runtime.config.ConfigReader;
import io.barelb.runtime.config.KindRegistry;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configuration, Services and Namespace labels of a cluster, listed once (for {@code plan} and
 * {@code pools}; the controller uses informers instead). Immutable.
 *
 * @param config          the configuration objects, read
 * @param services        every Service
 * @param namespaceLabels labels by namespace name
 */
public record ClusterSnapshot(ConfigInput config, List<Service> services, Map<String, Map<String, String>> namespaceLabels) {

    public ClusterSnapshot {
        services = List.copyOf(services);
        namespaceLabels = Map.copyOf(namespaceLabels);
    }

    /** Lists everything now (the kinds of {@code kinds}); a configuration type whose CRD is missing is skipped. */
    public static ClusterSnapshot read(KubernetesClient client, String namespace, String configMapName, KindRegistry kinds) {
        List<Object> objects = new ArrayList<>();
        ConfigMap configMap = client.configMaps().inNamespace(namespace).withName(configMapName).get();
        if (configMap != null) {
            Map<String, Object> object = new LinkedHashMap<>();
            object.put("apiVersion", "v1");
            object.put("kind", "ConfigMap");
            object.put("metadata", Map.of("name", configMapName));
            object.put("data", configMap.getData() == null ? Map.of() : configMap.getData());
            objects.add(object);
        }
        for (ResourceDefinitionContext type : ConfigResourceTypes.watched(kinds)) {
            List<GenericKubernetesResource> items;
            try {
                items = new ArrayList<>(client.genericKubernetesResources(type).inNamespace(namespace).list().getItems());
            } catch (KubernetesClientException e) {
                continue;
            }
            items.sort(Comparator.comparing(r -> r.getMetadata().getName()));
            items.forEach(r -> objects.add(client.getKubernetesSerialization().convertValue(r, Map.class)));
        }
        Map<String, Map<String, String>> labels = new HashMap<>();
        for (Namespace ns : client.namespaces().list().getItems()) {
            labels.put(ns.getMetadata().getName(), ns.getMetadata().getLabels() == null ? Map.of() : ns.getMetadata().getLabels());
        }
        List<Service> services = client.services().inAnyNamespace().list().getItems();
        return new ClusterSnapshot(new ConfigReader(kinds).readObjects("cluster", objects), services, labels);
    }
}
