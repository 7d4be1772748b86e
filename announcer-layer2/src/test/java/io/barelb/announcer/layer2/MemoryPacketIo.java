package io.barelb.announcer.layer2;

import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;

/** {@link PacketIo} in memory: tests inject received frames and read what was sent. Thread-safe. */
final class MemoryPacketIo implements PacketIo {

    private static final byte[] CLOSED = new byte[0];

    private final Map<String, MemoryHandle> open = new ConcurrentHashMap<>();
    private final List<String> opened = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();

    /** One frame sent on an interface. */
    record Sent(String interfaceName, byte[] frame) {
    }

    private final java.util.Set<String> failing = ConcurrentHashMap.newKeySet();

    /** Makes open() on {@code interfaceName} fail like a missing capability would. */
    void failOn(String interfaceName) {
        failing.add(interfaceName);
    }

    /** Lets every interface open again. */
    void clearFailures() {
        failing.clear();
    }

    @Override
    public Handle open(String interfaceName) throws java.io.IOException {
        if (failing.contains(interfaceName)) {
            throw new java.io.IOException("cannot capture on interface " + interfaceName + ": Operation not permitted");
        }
        MemoryHandle handle = new MemoryHandle(interfaceName);
        open.put(interfaceName, handle);
        opened.add(interfaceName);
        return handle;
    }

    /** Delivers {@code frame} as if received on {@code interfaceName}; false if nothing listens there. */
    boolean inject(String interfaceName, byte[] frame) {
        MemoryHandle handle = open.get(interfaceName);
        if (handle == null) {
            return false;
        }
        handle.inbound.add(frame);
        return true;
    }

    List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** Interfaces with an open handle now. */
    java.util.Set<String> openInterfaces() {
        return java.util.Set.copyOf(open.keySet());
    }

    /** Every open() call, in order. */
    List<String> opened() {
        return List.copyOf(opened);
    }

    private final class MemoryHandle implements Handle {
        private final String interfaceName;
        private final BlockingQueue<byte[]> inbound = new LinkedBlockingQueue<>();
        private volatile boolean closed;

        MemoryHandle(String interfaceName) {
            this.interfaceName = interfaceName;
        }

        @Override
        public byte[] receive() {
            try {
                byte[] frame = inbound.take();
                return frame == CLOSED ? null : frame;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }

        @Override
        public void send(byte[] frame) {
            if (!closed) {
                sent.add(new Sent(interfaceName, frame.clone()));
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                open.remove(interfaceName, this);
                inbound.add(CLOSED);
            }
        }
    }
}
