package io.barelb.distribution;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Fields fabric8's typed model did not recognise (it keeps them as "additional properties"): a misspelt
 * {@code readinesProbe} parses without complaint, and Kubernetes would drop it just as silently. Generic
 * resources (custom kinds) are not judged.
 */
public final class UnknownFields {

    private UnknownFields() {
    }

    /** Every unknown field of {@code objects}, as {@code Kind/name: path.field}. */
    public static List<String> in(List<HasMetadata> objects) {
        List<String> found = new ArrayList<>();
        for (HasMetadata object : objects) {
            if (!(object instanceof GenericKubernetesResource)) {
                walk(object, object.getKind() + "/" + object.getMetadata().getName() + ":", found);
            }
        }
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> items) {
            int i = 0;
            for (Object item : items) {
                walk(item, path + "[" + i++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> walk(v, path + "." + k, found));
            return;
        }
        if (!value.getClass().getPackageName().startsWith("io.fabric8.kubernetes.api.model")) {
            return;
        }
        for (Method getter : value.getClass().getMethods()) {
            if (getter.getParameterCount() != 0 || Modifier.isStatic(getter.getModifiers())
                    || !getter.getName().startsWith("get") || getter.getName().equals("getClass")) {
                continue;
            }
            Object child;
            try {
                child = getter.invoke(value);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(getter + " on " + path, e);
            }
            if (getter.getName().equals("getAdditionalProperties")) {
                ((Map<?, ?>) child).keySet().forEach(k -> found.add(path + " " + k));
            } else {
                String name = Character.toLowerCase(getter.getName().charAt(3)) + getter.getName().substring(4);
                walk(child, path + "." + name, found);
            }
        }
    }
}
