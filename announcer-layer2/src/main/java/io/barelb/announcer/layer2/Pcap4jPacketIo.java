package io.barelb.announcer.layer2;

import java.io.IOException;
import org.pcap4j.core.BpfProgram;
import org.pcap4j.core.NotOpenException;
import org.pcap4j.core.PcapHandle;
import org.pcap4j.core.PcapNativeException;
import org.pcap4j.core.PcapNetworkInterface;

/**
 * {@link PacketIo} over libpcap through pcap4j. Needs {@code CAP_NET_RAW} only.
 *
 * <p>Handles are opened in immediate mode (replies leave in well under a millisecond instead of waiting for a
 * buffer to fill), promiscuous (so solicited-node multicast reaches us on NICs that filter groups we have not
 * joined), inbound only, with the kernel filter {@code arp or icmp6}. libpcap's read blocks forever on an idle
 * link whatever its timeout, so {@link Handle#close()} breaks the loop from outside and the reading thread frees
 * the native handle on its way out.
 */
final class Pcap4jPacketIo implements PacketIo {

    private static final int SNAPSHOT_LENGTH = 512;

    @Override
    public Handle open(String interfaceName) throws IOException {
        try {
            PcapHandle pcap = new PcapHandle.Builder(interfaceName)
                    .snaplen(SNAPSHOT_LENGTH)
                    .promiscuousMode(PcapNetworkInterface.PromiscuousMode.PROMISCUOUS)
                    .timeoutMillis(100)
                    .immediateMode(true)
                    .build();
            try {
                pcap.setFilter("arp or icmp6", BpfProgram.BpfCompileMode.OPTIMIZE);
                pcap.setDirection(PcapHandle.PcapDirection.IN);
            } catch (PcapNativeException | NotOpenException | RuntimeException e) {
                pcap.close();
                throw e;
            }
            return new PcapHandleIo(interfaceName, pcap);
        } catch (PcapNativeException | NotOpenException | RuntimeException | UnsatisfiedLinkError e) {
            throw new IOException("cannot capture on interface " + interfaceName + " (it must exist and the speaker needs "
                    + "CAP_NET_RAW and libpcap): " + e.getMessage(), e);
        }
    }

    private static final class PcapHandleIo implements Handle {
        private final String interfaceName;
        private final PcapHandle pcap;
        private final Object lock = new Object();
        private boolean closed;
        private boolean reading;
        private boolean freed;

        PcapHandleIo(String interfaceName, PcapHandle pcap) {
            this.interfaceName = interfaceName;
            this.pcap = pcap;
        }

        @Override
        public byte[] receive() throws IOException {
            synchronized (lock) {
                if (closed) {
                    return null;
                }
                reading = true;
            }
            try {
                while (true) {
                    byte[] frame = pcap.getNextRawPacket();
                    if (frame != null) {
                        return frame;
                    }
                    synchronized (lock) {
                        if (closed) {
                            return null;
                        }
                    }
                }
            } catch (NotOpenException e) {
                return null;
            } finally {
                synchronized (lock) {
                    reading = false;
                    if (closed) {
                        free();
                    }
                }
            }
        }

        @Override
        public void send(byte[] frame) throws IOException {
            try {
                pcap.sendPacket(frame);
            } catch (PcapNativeException | NotOpenException e) {
                throw new IOException("cannot send on interface " + interfaceName + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                closed = true;
                if (reading) {
                    try {
                        pcap.breakLoop();
                    } catch (NotOpenException ignored) {
                        // already gone
                    }
                } else {
                    free();
                }
            }
        }

        private void free() {
            if (!freed) {
                freed = true;
                pcap.close();
            }
        }
    }
}
