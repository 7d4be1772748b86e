package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.io.IOException;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The responder running on one interface: a thread that reads frames, asks {@link Responder} and sends the
 * answers. The owned addresses are swapped atomically by the announcer; the thread never throws, it counts
 * malformed frames and logs send failures.
 */
final class InterfaceResponder implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(InterfaceResponder.class);

    private final String interfaceName;
    private final MacAddress mac;
    private final PacketIo.Handle handle;
    private final Layer2Metrics metrics;
    private final Thread reader;
    private volatile Set<IpAddress> owned = Set.of();
    private volatile boolean running = true;

    InterfaceResponder(String interfaceName, MacAddress mac, PacketIo.Handle handle, Layer2Metrics metrics) {
        this.interfaceName = interfaceName;
        this.mac = mac;
        this.handle = handle;
        this.metrics = metrics;
        this.reader = new Thread(this::readLoop, "barelb-layer2-" + interfaceName);
        this.reader.setDaemon(true);
        this.reader.start();
    }

    MacAddress mac() {
        return mac;
    }

    /** False once the capture failed (e.g. the interface was deleted); the announcer then opens a new one. */
    boolean running() {
        return running;
    }

    void owned(Set<IpAddress> addresses) {
        owned = Set.copyOf(addresses);
    }

    /** Sends the gratuitous frames for {@code address} once. */
    void sendGratuitous(IpAddress address) {
        int sent = 0;
        for (byte[] frame : Gratuitous.frames(address, mac)) {
            try {
                handle.send(frame);
                sent++;
            } catch (IOException e) {
                LOG.warn("layer2: gratuitous announcement of {} on {} failed: {}", address, interfaceName, e.getMessage());
            }
        }
        metrics.gratuitousSent(address, sent);
    }

    private void readLoop() {
        try {
            byte[] frame;
            while ((frame = handle.receive()) != null) {
                handle(frame);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("layer2: capture on {} stopped: {}", interfaceName, e.toString());
        } finally {
            running = false;
        }
    }

    private void handle(byte[] frame) {
        Verdict verdict = Responder.decide(frame, mac, owned);
        if (verdict instanceof Verdict.Answer answer) {
            try {
                handle.send(answer.reply());
                metrics.requestReceived(answer.address());
                metrics.responseSent(answer.address());
            } catch (IOException e) {
                metrics.requestReceived(answer.address());
                LOG.warn("layer2: answer for {} on {} failed: {}", answer.address(), interfaceName, e.getMessage());
            }
        } else if (verdict instanceof Verdict.Malformed malformed) {
            metrics.malformedFrame(interfaceName);
            LOG.debug("layer2: malformed frame on {}: {}", interfaceName, malformed.reason());
        }
    }

    @Override
    public void close() {
        running = false;
        handle.close();
        try {
            reader.join(2000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
