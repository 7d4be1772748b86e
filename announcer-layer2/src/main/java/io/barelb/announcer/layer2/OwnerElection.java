package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * Chooses the one node that announces an address, the same way on every speaker with no coordination: among the
 * eligible nodes, the one whose {@code sha256(node + "#" + address)} is lowest (bytes compared unsigned), as
 * MetalLB's layer2 election does. Ties (impossible in practice) go to the lower node name. Pure and thread-safe.
 */
final class OwnerElection {

    private OwnerElection() {
    }

    /** The owner of {@code address} among {@code eligibleNodes}, or empty if there is none. */
    static Optional<String> owner(IpAddress address, Collection<String> eligibleNodes) {
        String key = address.toString();
        return eligibleNodes.stream()
                .map(node -> new Ranked(node, sha256(node + "#" + key)))
                .min(Comparator.<Ranked, byte[]>comparing(Ranked::hash, Arrays::compareUnsigned)
                        .thenComparing(Ranked::node))
                .map(Ranked::node);
    }

    private record Ranked(String node, byte[] hash) {
    }

    static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException impossible) {
            throw new IllegalStateException("every JDK has SHA-256", impossible);
        }
    }
}
