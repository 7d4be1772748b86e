package io.barelb.embedded;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.CustomResourceDefinitionContext;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

/**
 * An in-process Kubernetes API: fabric8's mock server in CRUD mode (real HTTP, real watches, objects kept in
 * memory), listening on the loopback address, with the custom resource types it is given registered (with a
 * status subresource) and, in front of it, what {@code kubectl} needs ({@link ApiDispatcher}). For the
 * {@code demo} command and tests; never part of the product's class path. Thread-safe.
 */
public final class EmbeddedKubernetes implements AutoCloseable {

    /** Held so the level set on it is not lost when the logger would be collected. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    private final KubernetesMockServer server;
    private final List<KubernetesClient> clients = new ArrayList<>();

    private EmbeddedKubernetes(KubernetesMockServer server) {
        this.server = server;
    }

    /**
     * Starts the server on {@code port} of the loopback address (0: any free port), serving the built-in
     * Kubernetes kinds and the namespaced custom resource types {@code customTypes}.
     *
     * @throws IllegalStateException when the port is taken
     */
    public static EmbeddedKubernetes start(int port, List<ResourceDefinitionContext> customTypes) {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        List<CustomResourceDefinitionContext> types = new ArrayList<>();
        for (ResourceDefinitionContext type : customTypes) {
            types.add(crd(type));
        }
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ApiDispatcher(new KubernetesCrudDispatcher(types), new DiscoveryDocuments(customTypes),
                        java.time.Clock.systemUTC()), false);
        server.init(InetAddress.getLoopbackAddress(), port);
        return new EmbeddedKubernetes(server);
    }

    private static CustomResourceDefinitionContext crd(ResourceDefinitionContext type) {
        return new CustomResourceDefinitionContext.Builder()
                .withGroup(type.getGroup())
                .withVersion(type.getVersion())
                .withKind(type.getKind())
                .withPlural(type.getPlural())
                .withScope("Namespaced")
                .withStatusSubresource(true)
                .build();
    }

    /** {@code http://127.0.0.1:PORT}. */
    public String url() {
        return "http://" + server.getHostName() + ":" + server.getPort();
    }

    public int port() {
        return server.getPort();
    }

    /** A new client of this server; closed with the server. */
    public synchronized KubernetesClient newClient() {
        KubernetesClient client = server.createClient();
        clients.add(client);
        return client;
    }

    /** Writes a kubeconfig pointing at this server (context {@code barelb-demo}, no credentials). */
    public Path writeKubeconfig(Path file) throws IOException {
        String text = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: barelb-demo
                  cluster:
                    server: %s
                contexts:
                - name: barelb-demo
                  context:
                    cluster: barelb-demo
                    user: barelb-demo
                    namespace: default
                current-context: barelb-demo
                users:
                - name: barelb-demo
                  user:
                    token: demo
                """.formatted(url());
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    /** Closes every client handed out, then stops the server. */
    @Override
    public synchronized void close() {
        for (KubernetesClient client : clients) {
            Thread closer = new Thread(client::close, "barelb-client-close");
            closer.setDaemon(true);
            closer.start();
        }
        clients.clear();
        try {
            server.destroy();
        } catch (IllegalStateException stalled) {
            // the mock server waits for its watch listeners and gives up after a while; the port is released anyway
            java.util.logging.Logger.getLogger(EmbeddedKubernetes.class.getName())
                    .warning("the embedded API server did not stop cleanly: " + stalled.getMessage());
        }
    }
}
