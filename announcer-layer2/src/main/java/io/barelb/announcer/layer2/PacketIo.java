package io.barelb.announcer.layer2;

import java.io.IOException;

/**
 * Raw Ethernet frames in and out of one interface: the only place the responder touches the network, so the
 * logic above it is testable without a NIC.
 */
interface PacketIo {

    /**
     * Opens a capture on {@code interfaceName} receiving ARP and ICMPv6 frames sent to the node (inbound only).
     *
     * @throws IOException naming the interface when it cannot be opened (missing, no CAP_NET_RAW, no libpcap)
     */
    Handle open(String interfaceName) throws IOException;

    /** One open interface. {@link #receive()} is called from one thread; {@link #send} from any. */
    interface Handle extends AutoCloseable {

        /** The next frame, blocking; {@code null} once {@link #close()} has been called. */
        byte[] receive() throws IOException;

        /** Sends one whole Ethernet frame. */
        void send(byte[] frame) throws IOException;

        /** Wakes a blocked {@link #receive()} and releases the interface. Idempotent. */
        @Override
        void close();
    }
}
