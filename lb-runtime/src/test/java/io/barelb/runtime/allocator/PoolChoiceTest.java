package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.allocator;
import static io.barelb.runtime.allocator.Fixtures.assigned;
import static io.barelb.runtime.allocator.Fixtures.failed;
import static io.barelb.runtime.allocator.Fixtures.ips;
import static io.barelb.runtime.allocator.Fixtures.manualPool;
import static io.barelb.runtime.allocator.Fixtures.pinned;
import static io.barelb.runtime.allocator.Fixtures.pinnedToNamespaces;
import static io.barelb.runtime.allocator.Fixtures.pool;
import static io.barelb.runtime.allocator.Fixtures.poolOf;
import static io.barelb.runtime.allocator.Fixtures.selecting;
import static io.barelb.runtime.allocator.Fixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.select.LabelSelector;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolChoiceTest {

    @Test
    void handsOutTheLowestFreeAddressOfAnAutoAssignPool() {
        Allocator allocator = allocator(pool("default", "192.0.2.10-192.0.2.12"));
        assertThat(assigned(allocator.assign(svc("a/one")))).containsExactly("192.0.2.10");
        assertThat(assigned(allocator.assign(svc("a/two")))).containsExactly("192.0.2.11");
        allocator.release(Fixtures.key("a/one"));
        assertThat(assigned(allocator.assign(svc("a/three")))).containsExactly("192.0.2.10");
    }

    @Test
    void entriesOfAPoolAreTriedInTheOrderWritten() {
        Allocator allocator = allocator(pool("default", "198.51.100.7/32", "192.0.2.0/31"));
        assertThat(assigned(allocator.assign(svc("a/one")))).containsExactly("198.51.100.7");
        assertThat(assigned(allocator.assign(svc("a/two")))).containsExactly("192.0.2.0");
    }

    @Test
    void reassigningTheSameRequestIsIdempotent() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        AllocationResult first = allocator.assign(svc("a/one"));
        assertThat(allocator.assign(svc("a/one"))).isEqualTo(first);
        assertThat(allocator.usage().get(0).assigned()).isEqualTo(1);
    }

    @Test
    void theAddressPoolAnnotationPicksThePoolEvenWithoutAutoAssign() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"), manualPool("manual", "198.51.100.0/24"));
        assertThat(assigned(allocator.assign(svc("a/one").withPool("manual")))).containsExactly("198.51.100.0");
        assertThat(poolOf(allocator.assign(svc("a/two")))).isEqualTo("default");
    }

    @Test
    void aPoolWithoutAutoAssignIsNeverChosenAutomatically() {
        Allocator allocator = allocator(manualPool("manual", "198.51.100.0/24"));
        String message = failed(allocator.assign(svc("a/one")), ErrorCode.POOL_EXHAUSTED);
        assertThat(message).contains("no address pool may serve a/one");
    }

    @Test
    void anUnknownPoolIsRefused() {
        Allocator allocator = allocator(pool("default", "192.0.2.0/24"));
        assertThat(failed(allocator.assign(svc("a/one").withPool("gold")), ErrorCode.INVALID_REQUEST))
                .contains("pool \"gold\", which does not exist");
    }

    @Test
    void pinnedPoolsComeFirstByPriorityAndUnsetPriorityLast() {
        Allocator allocator = allocator(
                pool("default", "203.0.113.0/24"),
                pinnedToNamespaces("unset", 0, List.of("team"), "192.0.2.0/24"),
                pinnedToNamespaces("second", 20, List.of("team"), "198.51.100.0/25"),
                pinnedToNamespaces("first", 10, List.of("team"), "198.51.100.128/25"));
        assertThat(poolOf(allocator.assign(svc("team/a")))).isEqualTo("first");
        assertThat(poolOf(allocator.assign(svc("other/a")))).isEqualTo("default");
    }

    @Test
    void exhaustedPinnedPoolsFallThroughToUnrestrictedOnes() {
        Allocator allocator = allocator(pool("default", "203.0.113.0/24"),
                pinnedToNamespaces("small", 1, List.of("team"), "192.0.2.1/32"),
                pinnedToNamespaces("small2", 2, List.of("team"), "192.0.2.2/32"));
        assertThat(poolOf(allocator.assign(svc("team/a")))).isEqualTo("small");
        assertThat(poolOf(allocator.assign(svc("team/b")))).isEqualTo("small2");
        assertThat(poolOf(allocator.assign(svc("team/c")))).isEqualTo("default");
    }

    @Test
    void aPinnedPoolServesNoOtherNamespaceEvenWhenAskedFor() {
        Allocator allocator = allocator(pinnedToNamespaces("team-pool", 1, List.of("team"), "192.0.2.0/24"));
        assertThat(failed(allocator.assign(svc("other/a").withPool("team-pool")), ErrorCode.INVALID_REQUEST))
                .contains("serviceAllocation");
        assertThat(failed(allocator.assign(svc("other/a").withAddresses(ips("192.0.2.9"))), ErrorCode.ADDRESS_NOT_IN_POOL))
                .contains("team-pool");
        failed(allocator.assign(svc("other/a")), ErrorCode.POOL_EXHAUSTED);
        assertThat(poolOf(allocator.assign(svc("team/a")))).isEqualTo("team-pool");
    }

    @Test
    void namespaceAndServiceSelectorsMustBothMatch() {
        Allocator allocator = allocator(pool("default", "203.0.113.0/24"), pinned("gold",
                selecting(List.of(LabelSelector.of(Map.of("tier", "gold"))), List.of(LabelSelector.of(Map.of("app", "web")))),
                "192.0.2.0/24"));
        Map<String, String> goldNamespace = Map.of("tier", "gold");
        Map<String, String> web = Map.of("app", "web");
        assertThat(poolOf(allocator.assign(svc("x/both").withLabels(goldNamespace, web)))).isEqualTo("gold");
        assertThat(poolOf(allocator.assign(svc("x/ns-only").withLabels(goldNamespace, Map.of())))).isEqualTo("default");
        assertThat(poolOf(allocator.assign(svc("x/svc-only").withLabels(Map.of(), web)))).isEqualTo("default");
    }

    @Test
    void aFullPoolIsReportedAsExhausted() {
        Allocator allocator = allocator(pool("tiny", "192.0.2.1-192.0.2.2"));
        allocator.assign(svc("a/one"));
        allocator.assign(svc("a/two"));
        assertThat(failed(allocator.assign(svc("a/three")), ErrorCode.POOL_EXHAUSTED)).contains("no free address")
                .contains("tiny");
        allocator.release(Fixtures.key("a/two"));
        assertThat(assigned(allocator.assign(svc("a/three")))).containsExactly("192.0.2.2");
    }
}
