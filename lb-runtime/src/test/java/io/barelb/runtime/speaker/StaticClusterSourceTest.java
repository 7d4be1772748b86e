package io.barelb.runtime.speaker;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.runtime.config.ConfigValidator;
import io.barelb.runtime.model.AddressPool;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StaticClusterSourceTest {

    private static final String POOL = """
            apiVersion: metallb.io/v1beta1
            kind: IPAddressPool
            metadata: {namespace: metallb-system, name: lab}
            spec: {addresses: [%s]}
            ---
            apiVersion: metallb.io/v1beta1
            kind: L2Advertisement
            metadata: {namespace: metallb-system, name: lab}
            """;

    @TempDir
    Path dir;

    @Test
    void readsAFolderAndReadsItAgainWhenAFileChangesKeepingTheLastGoodConfiguration() throws Exception {
        LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();
        try (StaticClusterSource source = clusterAndPool()) {
            source.start(views::add);

            ClusterView first = views.poll(10, TimeUnit.SECONDS);
            assertThat(first).isNotNull();
            assertThat(first.pools()).extracting(AddressPool::name).containsExactly("lab");
            assertThat(first.resources("L2Advertisement")).hasSize(1);
            assertThat(first.services()).singleElement().satisfies(s -> assertThat(
                    s.ingress().get(0).toString()).isEqualTo("192.0.2.10"));
            assertThat(first.endpointSlices()).hasSize(1);
            assertThat(first.nodes()).hasSize(1);

            // an invalid pool: the view is delivered with the new cluster objects but the last good configuration
            Files.writeString(dir.resolve("config.yaml"), POOL.formatted("192.0.2.20-192.0.2.10"));
            ClusterView second = views.poll(10, TimeUnit.SECONDS);
            assertThat(second).isNotNull();
            assertThat(second.pools()).singleElement().satisfies(p -> assertThat(p.addresses()).containsExactly("192.0.2.0/28"));

            // a file that is not YAML at all: nothing is delivered
            Files.writeString(dir.resolve("cluster.yaml"), "kind: [unclosed");
            assertThat(views.poll(500, TimeUnit.MILLISECONDS)).isNull();

            // fixed again: a new view with the new pool
            Files.writeString(dir.resolve("cluster.yaml"), Fixtures.STATIC_CLUSTER_OBJECTS);
            Files.writeString(dir.resolve("config.yaml"), POOL.formatted("198.51.100.0/29"));
            // the two writes may be seen as one change or as several (a view can even catch config.yaml half
            // written): wait, with a deadline, for the view that holds the new pool
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            ClusterView third = null;
            while (System.nanoTime() < deadline) {
                ClusterView next = views.poll(200, TimeUnit.MILLISECONDS);
                if (next != null) {
                    third = next;
                    if (next.pools().size() == 1 && next.pools().get(0).addresses().equals(java.util.List.of("198.51.100.0/29"))) {
                        break;
                    }
                }
            }
            assertThat(third).as("a view after the fix").isNotNull();
            assertThat(third.pools()).singleElement().satisfies(p -> assertThat(p.addresses()).containsExactly("198.51.100.0/29"));
        }
    }

    @Test
    void anEditOfOneFileKeepsTheObjectsOfTheFilesNotParsedAgain() throws Exception {
        LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();
        try (StaticClusterSource source = clusterAndPool()) {
            source.start(views::add);
            assertThat(views.poll(10, TimeUnit.SECONDS)).isNotNull();

            // only config.yaml changes: cluster.yaml (kept from the previous read) still gives its objects
            Files.writeString(dir.resolve("config.yaml"), POOL.formatted("198.51.100.0/29"));
            ClusterView second = awaitView(views, v -> v.pools().size() == 1
                    && v.pools().get(0).addresses().equals(java.util.List.of("198.51.100.0/29")));
            assertThat(second.services()).hasSize(1);
            assertThat(second.endpointSlices()).hasSize(1);
            assertThat(second.nodes()).hasSize(1);

            // cluster.yaml changes: parsed again, its objects go, the unchanged configuration stays
            Files.writeString(dir.resolve("cluster.yaml"), "# nothing here on purpose\n");
            ClusterView third = awaitView(views, v -> v.services().isEmpty());
            assertThat(third.nodes()).isEmpty();
            assertThat(third.pools()).singleElement().satisfies(p -> assertThat(p.addresses()).containsExactly("198.51.100.0/29"));
        }
    }

    /** A source (not started, 50 ms polls) over cluster.yaml (the fixtures' objects) and config.yaml (a /28 pool). */
    @Test
    void filesWrittenLongBeforeTheStartAreReadAtTheFirstPollAndAFreshOneWaitsForTheNext() throws Exception {
        Files.writeString(dir.resolve("cluster.yaml"), Fixtures.STATIC_CLUSTER_OBJECTS);
        Files.writeString(dir.resolve("config.yaml"), POOL.formatted("192.0.2.0/28"));
        java.nio.file.attribute.FileTime old = java.nio.file.attribute.FileTime.from(
                java.time.Instant.now().minus(Duration.ofHours(2)));
        Files.setLastModifiedTime(dir.resolve("cluster.yaml"), old);
        ConfigValidator validator = new ConfigValidator(Fixtures.ipamFactories(), Fixtures.announcerFactories());
        LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();
        // an hour between polls: only the first poll (at start) can deliver a view within the test
        try (StaticClusterSource source = new StaticClusterSource(dir, validator, Duration.ofHours(1))) {
            source.start(views::add);
            assertThat(views.poll(2, TimeUnit.SECONDS)).as("config.yaml was written just now: it waits a poll").isNull();
        }
        Files.setLastModifiedTime(dir.resolve("config.yaml"), old);
        try (StaticClusterSource source = new StaticClusterSource(dir, validator, Duration.ofHours(1))) {
            source.start(views::add);
            ClusterView first = views.poll(30, TimeUnit.SECONDS);
            assertThat(first).as("both files older than a poll interval: read at the first poll").isNotNull();
            assertThat(first.pools()).extracting(AddressPool::name).containsExactly("lab");
        }
    }

    private StaticClusterSource clusterAndPool() throws java.io.IOException {
        Files.writeString(dir.resolve("cluster.yaml"), Fixtures.STATIC_CLUSTER_OBJECTS);
        Files.writeString(dir.resolve("config.yaml"), POOL.formatted("192.0.2.0/28"));
        return new StaticClusterSource(dir, new ConfigValidator(Fixtures.ipamFactories(), Fixtures.announcerFactories()),
                Duration.ofMillis(50));
    }

    /** The first view that {@code wanted} accepts, within 10 s. */
    private static ClusterView awaitView(LinkedBlockingQueue<ClusterView> views,
                                         java.util.function.Predicate<ClusterView> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            ClusterView next = views.poll(200, TimeUnit.MILLISECONDS);
            if (next != null && wanted.test(next)) {
                return next;
            }
        }
        throw new AssertionError("no such view within 10 s");
    }

    @Test
    void aFileTruncatedToZeroBytesWithdrawsNothingAndACommentOnlyFileWithdrawsOnPurpose() throws Exception {
        Path cluster = dir.resolve("cluster.yaml");
        Files.writeString(cluster, Fixtures.STATIC_CLUSTER_OBJECTS);
        Files.writeString(dir.resolve("config.yaml"), POOL.formatted("192.0.2.0/28"));
        LinkedBlockingQueue<ClusterView> views = new LinkedBlockingQueue<>();
        try (StaticClusterSource source = new StaticClusterSource(dir,
                new ConfigValidator(Fixtures.ipamFactories(), Fixtures.announcerFactories()), Duration.ofMillis(50))) {
            source.start(views::add);
            assertThat(views.poll(10, TimeUnit.SECONDS)).isNotNull().satisfies(v -> assertThat(v.services()).hasSize(1));

            // what `>` leaves while the shell writes: zero bytes, kept so for longer than a poll interval
            Files.write(cluster, new byte[0]);
            assertThat(views.poll(1, TimeUnit.SECONDS)).as("no view from a zero-byte file").isNull();

            // the write completes: the view follows it
            Files.writeString(cluster, Fixtures.STATIC_CLUSTER_OBJECTS.replace("192.0.2.10", "192.0.2.11"));
            ClusterView rewritten = Fixtures.await(views, v -> v.services().size() == 1
                    && v.services().get(0).ingress().get(0).toString().equals("192.0.2.11"));
            assertThat(rewritten.nodes()).hasSize(1);

            // a comment only: an empty file on purpose, so everything in it is withdrawn
            Files.writeString(cluster, "# nothing announced\n");
            ClusterView withdrawn = Fixtures.await(views, v -> v.services().isEmpty());
            assertThat(withdrawn.nodes()).isEmpty();
        }
    }
}
