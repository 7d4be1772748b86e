package io.barelb.distribution;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The objects of the hand-written manifest and of the chart as Helm renders it, parsed by fabric8. */
public final class KubeObjects {

    /** The hand-written part of manifests/barelb.yaml (the build puts the CRDs in front of it). */
    public static final Path MANIFEST = Path.of("src/main/manifests/barelb.yaml");
    /** The chart's source. */
    public static final Path CHART = Path.of("../charts/barelb");
    /** The configuration namespace of the manifest. */
    public static final String NAMESPACE = "metallb-system";

    private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();

    private KubeObjects() {
    }

    /** The hand-written manifest's objects. */
    public static List<HasMetadata> manifest() {
        try {
            return parse(Files.readString(MANIFEST));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template barelb CHART -n namespace --set key=value ...}, parsed. */
    public static List<HasMetadata> chart(String namespace, Map<String, Object> values) {
        return parse(render(CHART, namespace, values));
    }

    /** {@code helm template barelb CHART -n namespace -f values.yaml} with {@code valuesYaml} as the file, parsed. */
    public static List<HasMetadata> chart(String namespace, String valuesYaml) {
        try {
            Path file = Files.createTempFile("barelb-values-", ".yaml");
            try {
                Files.writeString(file, valuesYaml);
                return parse(new Helm(CHART).template().withName("barelb").withNamespace(namespace)
                        .withValuesFile(file).call());
            } finally {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code helm template} of {@code chart} into {@code namespace} with {@code values} set. */
    public static String render(Path chart, String namespace, Map<String, Object> values) {
        TemplateCommand template = new Helm(chart).template().withName("barelb").withNamespace(namespace);
        values.forEach(template::set);
        return template.call();
    }

    /** Every document of {@code yaml} as a Kubernetes object (unknown kinds as generic resources). */
    public static List<HasMetadata> parse(String yaml) {
        Object parsed = SERIALIZATION.unmarshal(yaml);
        if (parsed instanceof List<?> list) {
            return list.stream().map(HasMetadata.class::cast).toList();
        }
        return parsed == null ? List.of() : List.of((HasMetadata) parsed);
    }

    /** The one object of {@code type} named {@code name}. */
    public static <T extends HasMetadata> T one(List<HasMetadata> objects, Class<T> type, String name) {
        return objects.stream().filter(type::isInstance).map(type::cast)
                .filter(o -> o.getMetadata().getName().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + type.getSimpleName() + " " + name + " among " + objects.size()
                        + " objects"));
    }
}
