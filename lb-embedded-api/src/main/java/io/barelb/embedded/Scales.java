package io.barelb.embedded;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** The {@code autoscaling/v1 Scale} of a Deployment, ReplicaSet or StatefulSet, as the API server gives it. Pure. */
final class Scales {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Scales() {
    }

    /** The Scale of {@code object}: its {@code spec.replicas} (1 when unset), status replicas and selector. */
    static ObjectNode of(JsonNode object) {
        ObjectNode scale = JSON.createObjectNode();
        scale.put("kind", "Scale");
        scale.put("apiVersion", "autoscaling/v1");
        ObjectNode metadata = scale.putObject("metadata");
        for (String field : List.of("name", "namespace", "uid", "resourceVersion", "creationTimestamp")) {
            JsonNode value = object.path("metadata").get(field);
            if (value != null) {
                metadata.set(field, value);
            }
        }
        scale.putObject("spec").put("replicas", object.path("spec").path("replicas").asInt(1));
        ObjectNode status = scale.putObject("status");
        status.put("replicas", object.path("status").path("replicas").asInt(0));
        List<String> selector = new ArrayList<>();
        object.path("spec").path("selector").path("matchLabels").properties()
                .forEach(label -> selector.add(label.getKey() + "=" + label.getValue().asString("")));
        status.put("selector", String.join(",", selector));
        return scale;
    }
}
