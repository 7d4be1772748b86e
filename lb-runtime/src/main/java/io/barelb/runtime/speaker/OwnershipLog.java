package io.barelb.runtime.speaker;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
    private final Map<String, AddressStatus> held = new HashMap<>();

    OwnershipLog(String nodeName) {
        this.nodeName = nodeName;
    }

    /** Compares {@code statuses} (everything this node reports now) with the last call and logs each change of holder. */
    void update(List<AddressStatus> statuses) {
        Map<String, AddressStatus> now = new HashMap<>();
        for (AddressStatus status : statuses) {
            String key = status.protocol() + "|" + status.owner() + "|" + status.address();
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
        for (Map.Entry<String, AddressStatus> gone : held.entrySet()) {
            boolean reported = statuses.stream().anyMatch(s -> (s.protocol() + "|" + s.owner() + "|" + s.address())
                    .equals(gone.getKey()));
            if (!reported) {
                AddressStatus was = gone.getValue();
                LOG.info("node {} gave up {} ({}, {}): no longer configured for this node", nodeName, was.address(),
                        was.protocol(), was.owner());
            }
        }
        held.clear();
        held.putAll(now);
    }
}
