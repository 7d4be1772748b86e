package io.barelb.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KubeProtobufTest {

    /** A protobuf writer for the test's fixtures. */
    private static final class Message {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        private void varint(long value) {
            while ((value & ~0x7fL) != 0) {
                bytes.write((int) (value & 0x7f) | 0x80);
                value >>>= 7;
            }
            bytes.write((int) value);
        }

        Message number(int field, long value) {
            varint((long) field << 3);
            varint(value);
            return this;
        }

        Message bytes(int field, byte[] value) {
            varint((long) field << 3 | 2);
            varint(value.length);
            bytes.writeBytes(value);
            return this;
        }

        Message text(int field, String value) {
            return bytes(field, value.getBytes(StandardCharsets.UTF_8));
        }

        Message message(int field, Message value) {
            return bytes(field, value.toByteArray());
        }

        Message entry(int field, String key, String value) {
            return message(field, new Message().text(1, key).text(2, value));
        }

        byte[] toByteArray() {
            return bytes.toByteArray();
        }
    }

    private static byte[] envelope(String apiVersion, String kind, Message object) {
        byte[] unknown = new Message().message(1, new Message().text(1, apiVersion).text(2, kind))
                .message(2, object).text(3, "").text(4, "").toByteArray();
        byte[] body = new byte[4 + unknown.length];
        System.arraycopy(new byte[] {'k', '8', 's', 0}, 0, body, 0, 4);
        System.arraycopy(unknown, 0, body, 4, unknown.length);
        return body;
    }

    private static Message metadata(String name) {
        // Go writes every unset string and the zero Time as empty fields
        return new Message().text(1, name).text(2, "").text(3, "").text(4, "").text(5, "").text(6, "")
                .number(7, 0).message(8, new Message()).text(15, "");
    }

    @Test
    void readsTheConfigMapKubectlCreateSends() {
        Message configMap = new Message().message(1, metadata("extra").entry(11, "app", "demo"))
                .entry(2, "greeting", "hello").entry(2, "name", "world");

        assertThat(KubeProtobuf.decode(envelope("v1", "ConfigMap", configMap)).toString()).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"ConfigMap\",\"metadata\":{\"name\":\"extra\",\"labels\":"
                        + "{\"app\":\"demo\"}},\"data\":{\"greeting\":\"hello\",\"name\":\"world\"}}");
    }

    @Test
    void readsServicePortsWithAnIntOrStringTargetPort() {
        Message port = new Message().text(1, "8080-80").text(2, "TCP").number(3, 8080)
                .message(4, new Message().number(1, 0).number(2, 80).text(3, "")).number(5, 0);
        Message named = new Message().number(3, 443).message(4, new Message().number(1, 1).text(3, "https"));
        Message service = new Message().message(1, metadata("web"))
                .message(2, new Message().message(1, port).message(1, named).entry(2, "app", "web")
                        .text(4, "LoadBalancer").text(3, ""))
                .message(3, new Message().message(1, new Message()));

        assertThat(KubeProtobuf.decode(envelope("v1", "Service", service)).toString()).isEqualTo(
                "{\"apiVersion\":\"v1\",\"kind\":\"Service\",\"metadata\":{\"name\":\"web\"},\"spec\":{\"ports\":["
                        + "{\"name\":\"8080-80\",\"protocol\":\"TCP\",\"port\":8080,\"targetPort\":80},"
                        + "{\"port\":443,\"targetPort\":\"https\"}],\"selector\":{\"app\":\"web\"},"
                        + "\"type\":\"LoadBalancer\"},\"status\":{\"loadBalancer\":{}}}");
    }

    @Test
    void refusesWhatItCannotReadAndSaysWhat() {
        Message withUnknownField = new Message().message(1, metadata("x")).text(99, "not empty");

        assertThatThrownBy(() -> KubeProtobuf.decode(envelope("v1", "ConfigMap", withUnknownField)))
                .isInstanceOf(KubeProtobuf.UnsupportedException.class)
                .hasMessageContaining("field 99 of the protobuf message ConfigMap")
                .hasMessageContaining("kubectl apply -f");
        assertThatThrownBy(() -> KubeProtobuf.decode(envelope("batch/v1", "Job", new Message())))
                .isInstanceOf(KubeProtobuf.UnsupportedException.class).hasMessageContaining("not batch/v1/Job");
        assertThatThrownBy(() -> KubeProtobuf.decode("{\"kind\":\"ConfigMap\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(KubeProtobuf.UnsupportedException.class).hasMessageContaining("magic");
        byte[] truncated = envelope("v1", "ConfigMap", new Message().message(1, metadata("x")));
        assertThatThrownBy(() -> KubeProtobuf.decode(java.util.Arrays.copyOf(truncated, truncated.length - 3)))
                .isInstanceOf(KubeProtobuf.UnsupportedException.class).hasMessageContaining("malformed");
    }
}
