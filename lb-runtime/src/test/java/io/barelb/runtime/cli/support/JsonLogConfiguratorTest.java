package io.barelb.runtime.cli.support;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/** The JSON log as logback writes it with our configuration, read back with Jackson. */
class JsonLogConfiguratorTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void oneObjectPerEventWithTheExceptionAsAFieldAndThePlainFormatsLevels() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = System.err;
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // what SLF4J's provider does
        try {
            System.setErr(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            new JsonLogConfigurator().configure(context);
            context.getLogger("io.barelb.runtime.Example").info("pool {} has {} free", "default", 14);
            context.getLogger("io.barelb.runtime.Example").error("a bug", new IllegalStateException("broken"));
            context.getLogger("io.fabric8.kubernetes.client.Noise").info("not shown: io.fabric8 is at warn");
        } finally {
            context.stop();
            System.setErr(err);
        }
        List<JsonNode> events = bytes.toString(StandardCharsets.UTF_8).lines().map(JSON::readTree).toList();
        assertThat(events).hasSize(2);
        JsonNode info = events.get(0);
        assertThat(info.get("timestamp").asLong()).isCloseTo(System.currentTimeMillis(),
                org.assertj.core.data.Offset.offset(60_000L));
        assertThat(info.get("level").asString()).isEqualTo("INFO");
        assertThat(info.get("loggerName").asString()).isEqualTo("io.barelb.runtime.Example");
        assertThat(info.get("formattedMessage").asString()).isEqualTo("pool default has 14 free");
        assertThat(info.get("throwable").isNull()).isTrue();
        JsonNode error = events.get(1);
        assertThat(error.get("level").asString()).isEqualTo("ERROR");
        assertThat(error.get("throwable").get("className").asString()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("throwable").get("message").asString()).isEqualTo("broken");
        assertThat(error.get("throwable").get("stepArray").isArray()).isTrue();
    }
}
