package io.barelb.runtime.speaker;

import io.barelb.runtime.config.ClusterConfig;
import io.barelb.runtime.config.ConfigValidator;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads the cluster from YAML files instead of the Kubernetes API: Services (with
 * {@code status.loadBalancer.ingress}), EndpointSlices, Nodes, and the configuration (MetalLB CRs of either
 * group, or the legacy ConfigMap) and the Secrets plugins may read ({@link StaticSecrets}), from one file or every {@code *.yaml}/{@code *.yml} file of a folder, and
 * reads them again when a file changes.
 *
 * <p>Files are read once they have stayed unchanged for one poll interval (two polls saw the same, or every file
 * was last modified longer ago than that, as at start-up: the speaker does not wait a poll to read files written
 * long before it started), so an editor's or a redirect's
 * half-written file is not taken for the new truth; a file of zero bytes (what {@code >} leaves while it writes) is
 * taken for a write in progress and keeps the previous view (a file holding only a comment is an empty one on
 * purpose). A file that is not valid YAML or an object that cannot be read keeps the previous view in force; an
 * invalid configuration keeps the previous configuration (with the new Services, Nodes and EndpointSlices).
 * Both are logged with what to fix.
 */
public final class StaticClusterSource implements ClusterSource {

    private static final Logger LOG = LoggerFactory.getLogger(StaticClusterSource.class);
    private static final YAMLMapper YAML = YAMLMapper.builder().build();

    private final Path path;
    private final LastGoodConfig config;
    private final Duration pollInterval;
    private final StaticSecrets secrets;
    private final KubernetesSerialization serialization = new KubernetesSerialization();
    private final WeakInterner interner = new WeakInterner();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "static-source");
        thread.setDaemon(true);
        return thread;
    });
    private List<String> lastFingerprint = List.of();
    /** The files as last parsed, by path (only the poller's thread reads and writes it). */
    private Map<Path, ParsedFile> parsedFiles = Map.of();
    /** What the files looked like at the previous poll, while they differ from what was read last. */
    private List<String> pendingFingerprint = List.of();

    public StaticClusterSource(Path path, ConfigValidator validator, Duration pollInterval) {
        this(path, validator, pollInterval, new StaticSecrets("metallb-system"));
    }

    /** @param secrets receives the {@code v1 Secret} documents of every read */
    StaticClusterSource(Path path, ConfigValidator validator, Duration pollInterval, StaticSecrets secrets) {
        this.path = path;
        this.config = new LastGoodConfig(validator);
        this.pollInterval = pollInterval;
        this.secrets = secrets;
    }

    @Override
    public void start(Consumer<ClusterView> listener) {
        poller.scheduleWithFixedDelay(() -> {
            try {
                List<String> fingerprint = fingerprint();
                if (fingerprint.equals(lastFingerprint)) {
                    pendingFingerprint = List.of();
                } else if (fingerprint.equals(pendingFingerprint) || settledFor(pollInterval)) {
                    // unchanged for a whole poll interval (seen twice, or last written longer ago): the writer is done
                    lastFingerprint = fingerprint;
                    read().ifPresent(listener);
                } else {
                    pendingFingerprint = fingerprint;
                }
            } catch (RuntimeException e) {
                LOG.error("reading {} failed; the previous view stays in force: {}", path, e.getMessage(), e);
            }
        }, 0, pollInterval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Reads everything once; empty when a file cannot be read (the caller keeps what it had). A file unchanged since
     * the previous read (same modification time and size) is not parsed again: with 10,000 Services in one file and
     * their EndpointSlices in another, an edit of one costs the parse of that one.
     */
    java.util.Optional<ClusterView> read() {
        List<Object> documents = new ArrayList<>();
        List<ServiceFacts> services = new ArrayList<>();
        List<EndpointSliceFacts> slices = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        Map<Path, ParsedFile> parsed = new java.util.HashMap<>();
        for (Path file : files()) {
            String version = version(file);
            ParsedFile known = parsedFiles.get(file);
            ParsedFile current = known != null && known.version().equals(version) ? known : parse(file, version);
            if (current == null) {
                return java.util.Optional.empty();
            }
            parsed.put(file, current);
            documents.addAll(current.documents());
            services.addAll(current.services());
            slices.addAll(current.slices());
            nodes.addAll(current.nodes());
        }
        parsedFiles = parsed;
        secrets.replace(path.toString(), documents);
        ClusterConfig inForce = config.offer(path.toString(),
                documents.stream().filter(document -> !StaticSecrets.isSecret(document)).toList());
        return java.util.Optional.of(new ClusterView(inForce.pools(), inForce.resources(), services, slices, nodes));
    }

    /**
     * One file's cluster objects and its other documents (configuration, Secrets, Nodes), as of {@code version}.
     */
    private record ParsedFile(String version, List<Object> documents, List<ServiceFacts> services,
                              List<EndpointSliceFacts> slices, List<Node> nodes) {
    }

    /** Parses {@code file}; null, with the reason logged, when it cannot be read (the previous view stays). */
    private ParsedFile parse(Path file, String version) {
        List<ServiceFacts> services = new ArrayList<>();
        List<EndpointSliceFacts> slices = new ArrayList<>();
        List<Node> nodes = new ArrayList<>();
        // each document is converted as it is read, and its parsed map and fabric8 object dropped at once: only the
        // facts are kept (with 10,000 Services and their EndpointSlices, holding every map until the end of the file
        // made the start-up heap several times the live one); neither the configuration nor the Secrets read them
        List<Object> kept = new ArrayList<>();
        boolean read = eachDocument(file, document -> {
            if (!(document instanceof Map<?, ?> map)) {
                return kept.add(document);
            }
            Object kind = map.get("kind");
            try {
                if ("Service".equals(kind)) {
                    services.add(ServiceFacts.of(serialization.convertValue(map, Service.class), interner));
                } else if ("EndpointSlice".equals(kind)) {
                    slices.add(EndpointSliceFacts.of(serialization.convertValue(map, EndpointSlice.class), interner));
                } else if ("Node".equals(kind)) {
                    kept.add(document);
                    nodes.add(serialization.convertValue(map, Node.class));
                } else {
                    kept.add(document);
                }
            } catch (RuntimeException e) {
                LOG.error("a {} in {} cannot be read ({}); the previous view stays in force", kind, file, e.getMessage());
                return false;
            }
            return true;
        });
        return read ? new ParsedFile(version, kept, services, slices, nodes) : null;
    }

    private List<Path> files() {
        return io.barelb.runtime.config.ConfigFiles.expand(path);
    }

    /**
     * The documents of the files at {@code path} (a {@code List} object stands for its items); empty, with the
     * reason logged, when a file is empty (a write in progress), not YAML, or unreadable.
     */
    static java.util.Optional<List<Object>> documents(Path path) {
        List<Object> documents = new ArrayList<>();
        return eachDocument(path, documents::add) ? java.util.Optional.of(documents) : java.util.Optional.empty();
    }

    /**
     * Hands each document of the files at {@code path} (the items of a {@code List} one by one) to {@code visitor}
     * as it is read, in order, until the visitor answers false (it logs why); false when it did, or, after logging
     * why, when a file is empty or cannot be read or parsed (the visitor may have seen its first documents: the
     * caller drops what it made of them).
     */
    static boolean eachDocument(Path path, java.util.function.Predicate<Object> visitor) {
        for (Path file : io.barelb.runtime.config.ConfigFiles.expand(path)) {
            if (emptyFile(file)) {
                LOG.warn("{} is empty: taken for a write in progress, so the previous view stays in force; to withdraw"
                        + " everything on purpose, leave a comment in it (# nothing announced)", file);
                return false;
            }
            try (MappingIterator<Object> values = YAML.readerFor(Object.class).readValues(Files.readString(file))) {
                while (values.hasNextValue()) {
                    Object value = values.nextValue();
                    List<?> documents = value instanceof Map<?, ?> map && "List".equals(map.get("kind"))
                            && map.get("items") instanceof List<?> items ? items
                            : value == null ? List.of() : List.of(value);
                    for (Object document : documents) {
                        if (!visitor.test(document)) {
                            return false;
                        }
                    }
                }
            } catch (JacksonException e) {
                LOG.error("{} is not valid YAML ({}); fix it: the previous view stays in force", file, e.getOriginalMessage());
                return false;
            } catch (IOException e) {
                LOG.error("cannot read {}: {}; the previous view stays in force", file, e.getMessage());
                return false;
            }
        }
        return true;
    }

    /** The Nodes among the files at {@code path} as they are now (none when they cannot be read). */
    static List<Node> nodes(Path path) {
        KubernetesSerialization serialization = new KubernetesSerialization();
        List<Node> nodes = new ArrayList<>();
        for (Object document : documents(path).orElse(List.of())) {
            if (document instanceof Map<?, ?> map && "Node".equals(map.get("kind"))) {
                try {
                    nodes.add(serialization.convertValue(map, Node.class));
                } catch (RuntimeException e) {
                    LOG.warn("a Node in {} cannot be read: {}", path, e.getMessage());
                }
            }
        }
        return nodes;
    }

    private static boolean emptyFile(Path file) {
        try {
            return Files.size(file) == 0;
        } catch (IOException e) {
            return false; // reported by the read
        }
    }

    private List<String> fingerprint() {
        List<String> parts = new ArrayList<>();
        for (Path file : files()) {
            parts.add(file + "@" + version(file));
        }
        return parts;
    }

    /** Whether every file was last modified at least {@code interval} ago (none missing). */
    private boolean settledFor(Duration interval) {
        long before = System.currentTimeMillis() - interval.toMillis();
        for (Path file : files()) {
            try {
                if (Files.getLastModifiedTime(file).toMillis() > before) {
                    return false;
                }
            } catch (IOException e) {
                return false;
            }
        }
        return true;
    }

    /** A file's modification time and size, or "missing". */
    private static String version(Path file) {
        try {
            return Files.getLastModifiedTime(file).to(TimeUnit.NANOSECONDS) + "/" + Files.size(file);
        } catch (IOException e) {
            return "missing";
        }
    }

    @Override
    public void close() {
        poller.shutdownNow();
    }
}
