package io.barelb.announcer.layer2;

import io.barelb.api.plugin.LbPlugin;
import io.barelb.api.announce.AnnouncementStatus;
import io.barelb.api.announce.Announcer;
import io.barelb.api.announce.AnnouncerFactory;
import io.barelb.api.announce.AnnouncerState;
import io.barelb.tck.TestPluginContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ServiceLoader;

/**
 * A test-only speaker process: finds the layer2 plugin through {@link ServiceLoader} as the runtime will, reads a
 * desired state from a file ({@link DesiredStateFile}), applies it whenever the file changes, and writes the
 * announcer's status and metrics to another file every 100 ms. The lab tests run one per node namespace; the
 * real speaker (lb-runtime) replaces it.
 *
 * <p>Usage: {@code MiniSpeaker NODE STATE_FILE STATUS_FILE}; membership settings come from BARELB_MEMBERLIST_*.
 */
public final class MiniSpeaker {

    private MiniSpeaker() {
    }

    public static void main(String[] args) throws Exception {
        String node = args[0];
        Path stateFile = Path.of(args[1]);
        Path statusFile = Path.of(args[2]);
        AnnouncerFactory factory = ServiceLoader.load(LbPlugin.class).stream()
                .flatMap(provider -> provider.get().announcerFactories().stream())
                .filter(candidate -> candidate.name().equals("layer2"))
                .findFirst().orElseThrow(() -> new IllegalStateException("no layer2 plugin on the class path"));
        TestPluginContext context = TestPluginContext.builder("layer2").node(node).build();
        Announcer announcer = factory.create(context);
        Runtime.getRuntime().addShutdownHook(new Thread(announcer::close));
        String applied = null;
        while (true) {
            String text = Files.exists(stateFile) ? Files.readString(stateFile) : "";
            if (!text.equals(applied)) {
                AnnouncerState state = DesiredStateFile.parse(text);
                announcer.apply(state);
                applied = text;
            }
            writeStatus(statusFile, node, announcer, context);
            Thread.sleep(100);
        }
    }

    private static void writeStatus(Path statusFile, String node, Announcer announcer, TestPluginContext context)
            throws java.io.IOException {
        StringBuilder text = new StringBuilder("node ").append(node).append('\n');
        for (AnnouncementStatus status : announcer.status()) {
            text.append("status ").append(status.address()).append(' ').append(status.announced()).append(' ')
                    .append(String.join(",", status.where())).append(" | ").append(status.message()).append('\n');
        }
        context.metrics().snapshot().forEach((key, value) -> text.append("metric ").append(key).append(' ')
                .append(value.longValue()).append('\n'));
        context.recordedEvents().forEach(event -> text.append("event ").append(event.type()).append(' ')
                .append(event.reason()).append(' ').append(event.message()).append('\n'));
        Path tmp = statusFile.resolveSibling(statusFile.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, statusFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
