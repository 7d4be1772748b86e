package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OwnerElectionTest {

    @Test
    void matchesSha256OfNodeHashAddressComputedWithSha256sum() {
        // printf 'node-N#ADDRESS' | sha256sum: node-2 22917ae7... < node-3 bc301288... < node-1 e48260b2... for the v4
        // address; node-1 051008a5... < node-2 293d850a... < node-3 7f6cef9e... for the v6 one
        List<String> nodes = List.of("node-1", "node-2", "node-3");

        assertThat(OwnerElection.owner(IpAddress.parse("192.0.2.200"), nodes)).contains("node-2");
        assertThat(OwnerElection.owner(IpAddress.parse("192.0.2.200"), List.of("node-1", "node-3"))).contains("node-3");
        assertThat(OwnerElection.owner(IpAddress.parse("2001:db8::200"), nodes)).contains("node-1");
        assertThat(HexFormat.of().formatHex(OwnerElection.sha256("node-2#192.0.2.200"))).startsWith("22917ae7d568c474");
    }

    @Test
    void noEligibleNodeMeansNoOwner() {
        assertThat(OwnerElection.owner(IpAddress.parse("192.0.2.200"), Set.of())).isEmpty();
    }

    @Test
    void everySpeakerAgreesWhateverOrderItSeesTheNodesIn() {
        Random random = new Random(20261126L);
        for (int trial = 0; trial < 300; trial++) {
            List<String> nodes = randomNodes(random);
            IpAddress address = IpAddress.ipv4(random.nextInt());
            String owner = OwnerElection.owner(address, nodes).orElseThrow();
            List<String> shuffled = new ArrayList<>(nodes);
            Collections.shuffle(shuffled, random);

            assertThat(OwnerElection.owner(address, shuffled)).contains(owner);
            assertThat(owner).isEqualTo(nodes.stream().min(Comparator.comparing(
                    node -> HexFormat.of().formatHex(OwnerElection.sha256(node + "#" + address)))).orElseThrow());
        }
    }

    @Test
    void losingANodeMovesOnlyTheAddressesItOwned() {
        Random random = new Random(7946L);
        List<String> nodes = randomNodes(random);
        for (int i = 0; i < 500; i++) {
            IpAddress address = IpAddress.ipv6(0x2001_0db8_0000_0000L, random.nextLong());
            String owner = OwnerElection.owner(address, nodes).orElseThrow();
            String gone = nodes.get(random.nextInt(nodes.size()));
            List<String> remaining = nodes.stream().filter(node -> !node.equals(gone)).toList();

            String after = OwnerElection.owner(address, remaining).orElseThrow();

            if (!owner.equals(gone)) {
                assertThat(after).isEqualTo(owner);
            } else {
                assertThat(after).isNotEqualTo(gone);
            }
        }
    }

    @Test
    void addressesSpreadOverTheNodes() {
        List<String> nodes = List.of("worker-a", "worker-b", "worker-c", "worker-d");
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (int i = 0; i < 256; i++) {
            counts.merge(OwnerElection.owner(IpAddress.parse("198.51.100.0").plus(i), nodes).orElseThrow(), 1, Integer::sum);
        }

        assertThat(counts).hasSize(4);
        assertThat(counts.values()).allMatch(count -> count > 30);
    }

    private static List<String> randomNodes(Random random) {
        int size = 1 + random.nextInt(8);
        List<String> nodes = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            nodes.add("node-" + Integer.toHexString(random.nextInt()));
        }
        return nodes.stream().distinct().toList();
    }
}
