package io.barelb.embedded;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns the protobuf bodies {@code kubectl create namespace|configmap|secret|service|deployment} sends
 * ({@code application/vnd.kubernetes.protobuf}: the magic {@code k8s\0} and a {@code runtime.Unknown} envelope)
 * into the JSON objects the mock server stores. Field numbers follow the {@code generated.proto} files of
 * k8s.io/api for the fields those commands set. Empty strings, zeros and {@code false} are left out, as JSON's
 * {@code omitempty} would; an unknown field is skipped only when empty and otherwise refused with its number and
 * message, so nothing is dropped silently. Pure.
 */
final class KubeProtobuf {

    /** Raised for a body this decoder does not read; the message says what and what to do instead. */
    static final class UnsupportedException extends RuntimeException {
        UnsupportedException(String message) {
            super(message);
        }
    }

    private enum Kind { STRING, INT, BOOL, BYTES, MESSAGE, STRING_MAP, BYTES_MAP, INT_OR_STRING, TIME }

    private record Field(String name, Kind kind, boolean repeated, String message) {
    }

    private static final byte[] MAGIC = {'k', '8', 's', 0};
    private static final Map<String, Map<Integer, Field>> MESSAGES = new HashMap<>();
    /** The top-level message of each {@code apiVersion/kind}. */
    private static final Map<String, String> KINDS = Map.of("v1/Namespace", "Namespace", "v1/ConfigMap",
            "ConfigMap", "v1/Secret", "Secret", "v1/Service", "Service", "apps/v1/Deployment", "Deployment");

    static {
        message("TypeMeta", "1 apiVersion S", "2 kind S");
        message("Unknown", "1 typeMeta M TypeMeta", "2 raw B", "3 contentEncoding S", "4 contentType S");
        message("ObjectMeta", "1 name S", "2 generateName S", "3 namespace S", "4 selfLink S", "5 uid S", "6 resourceVersion S",
                "7 generation I", "8 creationTimestamp T", "11 labels SM", "12 annotations SM", "14 finalizers S*");
        message("Empty");
        message("Namespace", "1 metadata M ObjectMeta", "2 spec M NamespaceSpec", "3 status M Empty");
        message("NamespaceSpec", "1 finalizers S*");
        message("ConfigMap", "1 metadata M ObjectMeta", "2 data SM", "3 binaryData BM", "4 immutable Z");
        message("Secret", "1 metadata M ObjectMeta", "2 data BM", "3 type S", "4 stringData SM", "5 immutable Z");
        message("Service", "1 metadata M ObjectMeta", "2 spec M ServiceSpec", "3 status M ServiceStatus");
        message("ServiceSpec", "1 ports M* ServicePort", "2 selector SM", "3 clusterIP S", "4 type S",
                "5 externalIPs S*", "7 sessionAffinity S", "8 loadBalancerIP S", "9 loadBalancerSourceRanges S*",
                "10 externalName S", "11 externalTrafficPolicy S", "12 healthCheckNodePort I",
                "13 publishNotReadyAddresses Z", "17 ipFamilyPolicy S", "18 clusterIPs S*", "19 ipFamilies S*",
                "20 allocateLoadBalancerNodePorts Z", "21 loadBalancerClass S", "22 internalTrafficPolicy S");
        message("ServicePort", "1 name S", "2 protocol S", "3 port I", "4 targetPort IS", "5 nodePort I",
                "6 appProtocol S");
        message("ServiceStatus", "1 loadBalancer M Empty");
        message("Deployment", "1 metadata M ObjectMeta", "2 spec M DeploymentSpec", "3 status M Empty");
        message("DeploymentSpec", "1 replicas I", "2 selector M LabelSelector", "3 template M PodTemplateSpec",
                "4 strategy M DeploymentStrategy", "5 minReadySeconds I", "6 revisionHistoryLimit I", "7 paused Z",
                "9 progressDeadlineSeconds I");
        message("DeploymentStrategy", "1 type S");
        message("LabelSelector", "1 matchLabels SM", "2 matchExpressions M* LabelSelectorRequirement");
        message("LabelSelectorRequirement", "1 key S", "2 operator S", "3 values S*");
        message("PodTemplateSpec", "1 metadata M ObjectMeta", "2 spec M PodSpec");
        message("PodSpec", "2 containers M* Container", "3 restartPolicy S", "4 terminationGracePeriodSeconds I",
                "6 dnsPolicy S", "7 nodeSelector SM", "8 serviceAccountName S", "19 schedulerName S");
        message("Container", "1 name S", "2 image S", "3 command S*", "4 args S*", "5 workingDir S",
                "6 ports M* ContainerPort", "7 env M* EnvVar", "8 resources M Empty", "13 terminationMessagePath S",
                "14 imagePullPolicy S", "20 terminationMessagePolicy S");
        message("ContainerPort", "1 name S", "2 hostPort I", "3 containerPort I", "4 protocol S", "5 hostIP S");
        message("EnvVar", "1 name S", "2 value S");
    }

    private KubeProtobuf() {
    }

    /** Declares a message; each field is "NUMBER NAME TYPE[*] [MESSAGE]" (* for repeated). */
    private static void message(String name, String... fields) {
        Map<Integer, Field> byNumber = new HashMap<>();
        for (String field : fields) {
            String[] parts = field.split(" ");
            boolean repeated = parts[2].endsWith("*");
            String type = repeated ? parts[2].substring(0, parts[2].length() - 1) : parts[2];
            Kind kind = switch (type) {
                case "S" -> Kind.STRING;
                case "I" -> Kind.INT;
                case "Z" -> Kind.BOOL;
                case "B" -> Kind.BYTES;
                case "M" -> Kind.MESSAGE;
                case "SM" -> Kind.STRING_MAP;
                case "BM" -> Kind.BYTES_MAP;
                case "IS" -> Kind.INT_OR_STRING;
                case "T" -> Kind.TIME;
                default -> throw new IllegalArgumentException(field);
            };
            byNumber.put(Integer.parseInt(parts[0]), new Field(parts[1], kind, repeated, parts.length > 3 ? parts[3] : null));
        }
        MESSAGES.put(name, byNumber);
    }

    /**
     * The object in {@code body} as JSON, with its {@code apiVersion} and {@code kind}.
     *
     * @throws UnsupportedException when the body is not a Kubernetes protobuf envelope, holds a kind this
     *                              decoder does not read, or a field it does not know
     */
    static ObjectNode decode(byte[] body) {
        if (body.length < MAGIC.length || !Arrays.equals(Arrays.copyOf(body, MAGIC.length), MAGIC)) {
            throw new UnsupportedException("the body does not start with the Kubernetes protobuf magic k8s\\0");
        }
        try {
            ObjectNode envelope = read("Unknown", Arrays.copyOfRange(body, MAGIC.length, body.length));
            String apiVersion = envelope.path("typeMeta").path("apiVersion").asString("");
            String kind = envelope.path("typeMeta").path("kind").asString("");
            String message = KINDS.get(apiVersion + "/" + kind);
            if (message == null) {
                throw new UnsupportedException("the embedded API reads protobuf only for " + KINDS.keySet()
                        + ", not " + apiVersion + "/" + kind);
            }
            ObjectNode object = JsonNodeFactory.instance.objectNode();
            object.put("apiVersion", apiVersion);
            object.put("kind", kind);
            object.setAll(read(message, Base64.getDecoder().decode(envelope.path("raw").asString(""))));
            return object;
        } catch (IllegalArgumentException malformed) {
            throw new UnsupportedException("the protobuf body is malformed: " + malformed.getMessage());
        }
    }

    private static ObjectNode read(String message, byte[] bytes) {
        Map<Integer, Field> fields = MESSAGES.get(message);
        ObjectNode object = JsonNodeFactory.instance.objectNode();
        ProtobufReader reader = new ProtobufReader(bytes);
        while (!reader.atEnd()) {
            int tag = reader.tag();
            Field field = fields.get(tag >>> 3);
            if (field == null && emptyValue(tag & 7, reader)) {
                continue;
            }
            if (field == null) {
                throw new UnsupportedException("the embedded API does not read field " + (tag >>> 3) + " of the "
                        + "protobuf message " + message + "; send the object as JSON (kubectl apply -f FILE)");
            }
            JsonNode value = value(field, tag & 7, reader);
            if (value == null || !field.repeated() && isZero(value)) {
                continue;
            }
            if (field.kind() == Kind.STRING_MAP || field.kind() == Kind.BYTES_MAP) {
                object.withObjectProperty(field.name()).setAll((ObjectNode) value);
            } else if (field.repeated()) {
                object.withArrayProperty(field.name()).add(value);
            } else {
                object.set(field.name(), value);
            }
        }
        return object;
    }

    /** Reads an unknown field's value; true if it was empty or zero, which Go writes for every unset field. */
    private static boolean emptyValue(int wireType, ProtobufReader reader) {
        return switch (wireType) {
            case ProtobufReader.VARINT -> reader.varint() == 0;
            case ProtobufReader.LENGTH_DELIMITED -> reader.lengthDelimited().length == 0;
            default -> false;
        };
    }

    /** Go's marshaller writes unset strings, numbers and booleans; JSON leaves them out ({@code omitempty}). */
    private static boolean isZero(JsonNode value) {
        return value.isString() && value.asString().isEmpty() || value.isNumber() && value.asLong() == 0
                || value.isBoolean() && !value.asBoolean();
    }

    private static JsonNode value(Field field, int wireType, ProtobufReader reader) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        boolean varint = field.kind() == Kind.INT || field.kind() == Kind.BOOL;
        if (wireType != (varint ? ProtobufReader.VARINT : ProtobufReader.LENGTH_DELIMITED)) {
            throw new IllegalArgumentException("field " + field.name() + " has wire type " + wireType);
        }
        return switch (field.kind()) {
            case INT -> nodes.numberNode(reader.varint());
            case BOOL -> nodes.booleanNode(reader.varint() != 0);
            case STRING -> nodes.stringNode(new String(reader.lengthDelimited(), StandardCharsets.UTF_8));
            case BYTES -> nodes.stringNode(Base64.getEncoder().encodeToString(reader.lengthDelimited()));
            case MESSAGE -> read(field.message(), reader.lengthDelimited());
            case STRING_MAP, BYTES_MAP -> entry(reader.lengthDelimited(), field.kind() == Kind.BYTES_MAP);
            case INT_OR_STRING -> intOrString(reader.lengthDelimited());
            case TIME -> time(reader.lengthDelimited());
        };
    }

    /** One map entry (key 1, value 2) as a one-field object. */
    private static ObjectNode entry(byte[] bytes, boolean binary) {
        ProtobufReader reader = new ProtobufReader(bytes);
        String key = "";
        JsonNode value = JsonNodeFactory.instance.stringNode("");
        while (!reader.atEnd()) {
            int tag = reader.tag();
            byte[] data = reader.lengthDelimited();
            if (tag >>> 3 == 1) {
                key = new String(data, StandardCharsets.UTF_8);
            } else if (tag >>> 3 == 2) {
                value = JsonNodeFactory.instance.stringNode(binary ? Base64.getEncoder().encodeToString(data)
                        : new String(data, StandardCharsets.UTF_8));
            }
        }
        ObjectNode entry = JsonNodeFactory.instance.objectNode();
        entry.set(key, value);
        return entry;
    }

    /** {@code intstr.IntOrString}: type 1 (0 int, 1 string), intVal 2, strVal 3. */
    private static JsonNode intOrString(byte[] bytes) {
        ProtobufReader reader = new ProtobufReader(bytes);
        long type = 0;
        long number = 0;
        String text = "";
        while (!reader.atEnd()) {
            int tag = reader.tag();
            switch (tag >>> 3) {
                case 1 -> type = reader.varint();
                case 2 -> number = reader.varint();
                case 3 -> text = new String(reader.lengthDelimited(), StandardCharsets.UTF_8);
                default -> throw new IllegalArgumentException("IntOrString has no field " + (tag >>> 3));
            }
        }
        return type == 1 ? JsonNodeFactory.instance.stringNode(text) : JsonNodeFactory.instance.numberNode((int) number);
    }

    /** {@code metav1.Time} (seconds 1, nanos 2) as RFC 3339; null for the zero time, sent as an empty message. */
    private static JsonNode time(byte[] bytes) {
        ProtobufReader reader = new ProtobufReader(bytes);
        long seconds = 0;
        while (!reader.atEnd()) {
            int tag = reader.tag();
            long value = reader.varint();
            if (tag >>> 3 == 1) {
                seconds = value;
            }
        }
        return bytes.length == 0 ? null : JsonNodeFactory.instance.stringNode(Instant.ofEpochSecond(seconds).toString());
    }
}
