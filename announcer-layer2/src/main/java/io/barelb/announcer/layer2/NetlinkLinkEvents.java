package io.barelb.announcer.layer2;

import com.sun.jna.LastErrorException;
import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Link changes from the kernel: a {@code NETLINK_ROUTE} socket bound to the {@code RTMGRP_LINK} group (Java 17
 * has no {@code AF_NETLINK}, so the socket is made through JNA's libc binding, the JNA pcap4j already brings),
 * read by a blocking {@code recv} on a daemon thread of its own, each datagram parsed by
 * {@link NetlinkLinkParser}. The socket sees the network namespace of the process that opens it.
 *
 * <p>The receive timeout ({@code SO_RCVTIMEO}, {@value #RECEIVE_TIMEOUT_MILLIS} ms) lets the thread notice
 * {@link #close()}; close returns once the thread has closed the socket. A datagram the kernel could not queue
 * ({@code ENOBUFS}) is reported as {@link LinkEvents.Listener#lost}; another receive error stops the watcher and
 * is reported as {@link LinkEvents.Listener#stopped}. Nothing thrown by the parser or the listener leaves the loop.
 * Thread-safe.
 */
final class NetlinkLinkEvents implements LinkEvents {

    private static final Logger LOG = LoggerFactory.getLogger(NetlinkLinkEvents.class);
    static final int AF_NETLINK = 16;
    static final int SOCK_RAW = 3;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int NETLINK_ROUTE = 0;
    static final int RTMGRP_LINK = 1;
    private static final int SOL_SOCKET = 1;
    private static final int SO_RCVTIMEO = 20;
    private static final int EINTR = 4;
    private static final int EAGAIN = 11;
    private static final int ENOBUFS = 105;
    static final long RECEIVE_TIMEOUT_MILLIS = 250;
    private static final ByteOrder HOST = ByteOrder.nativeOrder();

    /** The few libc calls this needs. */
    interface LibC extends Library {
        int socket(int domain, int type, int protocol) throws LastErrorException;

        int bind(int fd, byte[] address, int length) throws LastErrorException;

        int setsockopt(int fd, int level, int name, byte[] value, int length) throws LastErrorException;

        NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags) throws LastErrorException;

        int close(int fd) throws LastErrorException;
    }

    private volatile boolean closed;
    private Thread reader;

    @Override
    public synchronized boolean start(Listener listener) {
        if (closed || reader != null) {
            return !closed;
        }
        LibC libc;
        int fd;
        try {
            libc = Native.load("c", LibC.class);
            fd = open(libc);
        } catch (LastErrorException e) {
            LOG.warn("layer2: cannot watch links through netlink ({}, errno {}); polling /sys/class/net instead",
                    e.getMessage(), e.getErrorCode());
            return false;
        } catch (LinkageError | RuntimeException e) {
            LOG.warn("layer2: cannot watch links through netlink ({}); polling /sys/class/net instead", e.toString());
            return false;
        }
        int socket = fd;
        reader = new Thread(() -> read(libc, socket, listener), "barelb-layer2-netlink");
        reader.setDaemon(true);
        reader.start();
        LOG.info("layer2: watching links through netlink (RTMGRP_LINK)");
        return true;
    }

    /** A bound NETLINK_ROUTE socket with a receive timeout; closed again if a step fails. */
    private static int open(LibC libc) {
        int fd = libc.socket(AF_NETLINK, SOCK_RAW | SOCK_CLOEXEC, NETLINK_ROUTE);
        try {
            ByteBuffer timeout = ByteBuffer.allocate(16).order(HOST); // struct timeval on LP64: two longs
            timeout.putLong(0).putLong(RECEIVE_TIMEOUT_MILLIS * 1000);
            libc.setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, timeout.array(), 16);
            ByteBuffer address = ByteBuffer.allocate(12).order(HOST); // struct sockaddr_nl
            address.putShort((short) AF_NETLINK).putShort((short) 0).putInt(0).putInt(RTMGRP_LINK);
            libc.bind(fd, address.array(), 12);
            return fd;
        } catch (RuntimeException e) { // LastErrorException included
            libc.close(fd);
            throw e;
        }
    }

    private void read(LibC libc, int fd, Listener listener) {
        byte[] buffer = new byte[64 * 1024];
        NativeLong size = new NativeLong(buffer.length);
        try {
            while (!closed) {
                int received;
                try {
                    received = libc.recv(fd, buffer, size, 0).intValue();
                } catch (LastErrorException e) {
                    if (e.getErrorCode() == EAGAIN || e.getErrorCode() == EINTR) {
                        continue;
                    }
                    if (e.getErrorCode() == ENOBUFS) {
                        deliver(listener::lost);
                        continue;
                    }
                    if (!closed) {
                        LOG.warn("layer2: netlink link watch stopped (recv: errno {}); polling /sys/class/net instead",
                                e.getErrorCode());
                        deliver(() -> listener.stopped("recv failed with errno " + e.getErrorCode()));
                    }
                    return;
                }
                if (received > 0) {
                    NetlinkLinkParser.Parsed parsed = NetlinkLinkParser.parse(buffer, received, HOST);
                    parsed.malformed().forEach(why -> deliver(() -> listener.malformed(why)));
                    parsed.events().forEach(event -> deliver(() -> listener.linkChanged(event)));
                }
            }
        } finally {
            try {
                libc.close(fd);
            } catch (LastErrorException ignored) {
                // nothing to release then
            }
        }
    }

    private static void deliver(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("layer2: a netlink link listener failed: {}", e.toString());
        }
    }

    @Override
    public void close() {
        Thread thread;
        synchronized (this) {
            closed = true;
            thread = reader;
        }
        if (thread != null && thread != Thread.currentThread()) {
            try {
                thread.join(4 * RECEIVE_TIMEOUT_MILLIS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
