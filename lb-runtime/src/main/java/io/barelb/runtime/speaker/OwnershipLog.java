package io.barelb.runtime.speaker;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes one line to the log whenever this node starts or stops holding an address, saying why:
 * {@code node cp-1 holds 203.0.113.10 (layer2): backend healthy (3/3)}, {@code node cp-1 gave up 203.0.113.10
 * (layer2): backend failing (fall 3): connection refused}, {@code ... gave up ...: owner is cp-2}. Not thread-safe:
 * the {@link Speaker} calls it under its lock.
 */
final class OwnershipLog {

    private static final Logger LOG = LoggerFactory.getLogger("io.barelb.ownership");

    private final String nodeName;
    private final Map<Key, AddressStatus> held = new HashMap<>();

    OwnershipLog(String nodeName) {
        this.nodeName = nodeName;
    }

    /** Compares {@code statuses} (everything this node reports now) with the last call and logs each change of holder. */
    void update(List<AddressStatus> statuses) {
        Map<Key, AddressStatus> now = new HashMap<>();
        Set<Key> reported = new HashSet<>();
        for (AddressStatus status : statuses) {
            Key key = new Key(status.protocol(), status.owner(), status.address());
            reported.add(key);
            if (status.state() == AddressStatus.State.HELD) {
                now.put(key, status);
                if (!held.containsKey(key)) {
                    LOG.info("node {} holds {} ({}, {}): {}", nodeName, status.address(), status.protocol(),
                            status.owner(), status.reason());
                }
            } else if (held.containsKey(key)) {
                LOG.info("node {} gave up {} ({}, {}): {}", nodeName, status.address(), status.protocol(),
                        status.owner(), status.reason());
            }
        }
        // one set of what is reported, not a scan of every status per held address: with 10,000 Services that
        // scan built 10^8 strings on every update
        for (Map.Entry<Key, AddressStatus> gone : held.entrySet()) {
            if (!reported.contains(gone.getKey())) {
                AddressStatus was = gone.getValue();
                LOG.info("node {} gave up {} ({}, {}): no longer configured for this node", nodeName, was.address(),
                        was.protocol(), was.owner());
            }
        }
        held.clear();
        held.putAll(now);
    }

    /** One address of one owner by one protocol: the status's own strings, not a new one joined from them. */
    private record Key(String protocol, String owner, String address) {
    }
}
