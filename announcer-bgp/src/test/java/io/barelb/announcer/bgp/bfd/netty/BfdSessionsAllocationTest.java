package io.barelb.announcer.bgp.bfd.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.barelb.announcer.bgp.bfd.fsm.BfdSessionConfig;
import io.barelb.announcer.bgp.bfd.wire.BfdState;
import io.barelb.testkit.NetnsLab;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the whole I/O path allocates per packet once warm: two managers on loopback exchange packets at 10 ms
 * (Up, steady state); the bytes allocated by manager A's event loop thread (which receives, decodes, runs the
 * state machine, encodes, sends and re-arms timers) are read before and after about a thousand packets, with
 * Netty's leak detector off as in production's sampling (this module's tests run it at paranoid, which records a
 * stack trace per buffer access). Codec and state machine allocate nothing ({@code BfdCodecAllocationTest},
 * {@code BfdSessionAllocationTest}); the send buffer is reused. What is left is Netty's own: the epoll read
 * creates a {@code DatagramPacket} and the sender's {@code InetSocketAddress} per datagram, and each
 * {@code schedule} a task. The bound catches any per-packet copy, boxing or logging creeping in (each costs more
 * than the headroom); docs/bfd.md has the measured figure.
 */
class BfdSessionsAllocationTest {

    private static final BfdSessionConfig FAST = BfdSessionConfig.singleHop(10_000, 10_000, 5, false);
    /** Measured 119-141 (JDK 17, Netty 4.2.18): a received DatagramPacket with its sender address, a timer task. */
    private static final double MAX_BYTES_PER_PACKET = 200;

    private EventLoopGroup groupA;
    private EventLoopGroup groupB;
    private BfdSessions a;
    private BfdSessions b;

    @BeforeEach
    void start() throws Exception {
        assumeTrue(Epoll.isAvailable(), "needs Netty's native epoll transport");
        groupA = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        groupB = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        int portA = 40_000 + ThreadLocalRandom.current().nextInt(9_000);
        a = BfdSessionsLoopbackTest.sessions(groupA, portA, portA + 1);
        b = BfdSessionsLoopbackTest.sessions(groupB, portA + 1, portA);
    }

    @AfterEach
    void stop() {
        BfdSessionsLoopbackTest.stopAll(a, b, groupA, groupB);
    }

    @Test
    void theIoPathAllocatesOnlyNettysReadAndTimerObjectsPerPacket() throws Exception {
        io.netty.util.ResourceLeakDetector.Level level = io.netty.util.ResourceLeakDetector.getLevel();
        io.netty.util.ResourceLeakDetector.setLevel(io.netty.util.ResourceLeakDetector.Level.DISABLED);
        try {
            measure();
        } finally {
            io.netty.util.ResourceLeakDetector.setLevel(level);
        }
    }

    private void measure() throws Exception {
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        assumeTrue(threads.isThreadAllocatedMemorySupported(), "this JVM cannot count allocated bytes per thread");
        threads.setThreadAllocatedMemoryEnabled(true);
        long loopThread = groupA.next().submit(() -> Thread.currentThread().getId()).get();
        InetAddress peer = InetAddress.getByName("127.0.0.1");
        a.add(peer, FAST);
        b.add(peer, FAST);
        NetnsLab.await(Duration.ofSeconds(15), "Up at 10 ms", () -> a.status(peer).orElseThrow().state() == BfdState.UP
                && a.status(peer).orElseThrow().transmitIntervalMicros() == 10_000, () -> a.statuses().toString());
        Thread.sleep(3_000); // warm-up: JIT, pooled allocator caches, timer queue

        BfdSessionStatus before = a.status(peer).orElseThrow();
        long allocatedBefore = threads.getThreadAllocatedBytes(loopThread);
        Thread.sleep(5_000);
        long allocatedAfter = threads.getThreadAllocatedBytes(loopThread);
        BfdSessionStatus after = a.status(peer).orElseThrow();

        long packets = after.packetsSent() - before.packetsSent() + after.packetsReceived() - before.packetsReceived();
        long allocated = allocatedAfter - allocatedBefore;
        System.out.printf("BFD I/O allocation: %d bytes on the event loop over %d packets (%.1f bytes per packet)%n",
                allocated, packets, (double) allocated / packets);
        assertThat(packets).as("packets exchanged in 5 s at 10 ms less jitter").isGreaterThan(500);
        assertThat(after.state()).isEqualTo(BfdState.UP);
        assertThat((double) allocated / packets).as("bytes allocated on the event loop per packet, " + packets
                + " packets").isLessThan(MAX_BYTES_PER_PACKET);
    }
}
