package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * ARP round trip seen from the client namespace of the lab: send one request on the client's eth0, wait for the
 * matching reply. {@code responder} asks for the VIP, answered by the layer2 plugin in a mini speaker;
 * {@code kernel} asks for node-3's own eth0 address, answered by the Linux kernel over the same veth and bridge.
 * Needs the lab running: started by {@link ArpLatencyLab}, which runs JMH inside the client namespace.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class ArpLatencyBenchmark {

    private static final MacAddress CLIENT = MacAddress.parse("02:00:00:00:00:64");
    private static final IpAddress CLIENT_IP = IpAddress.parse("192.0.2.100");

    @Param({"responder", "kernel"})
    public String answeredBy;

    private PacketIo.Handle handle;
    private byte[] request;
    private IpAddress target;

    @Setup
    public void open() throws IOException {
        target = IpAddress.parse(answeredBy.equals("responder") ? MiniSpeakerLab.VIP : MiniSpeakerLab.nodeIp(3));
        handle = new Pcap4jPacketIo().open("eth0");
        request = new ArpPacket(ArpPacket.REQUEST, CLIENT, CLIENT_IP, MacAddress.ZERO, target)
                .toFrame(MacAddress.BROADCAST, CLIENT);
    }

    @TearDown
    public void close() {
        handle.close();
    }

    @Benchmark
    public IpAddress arpRoundTrip() throws Exception {
        handle.send(request);
        while (true) {
            byte[] frame = handle.receive();
            if (frame == null) {
                throw new IOException("capture closed");
            }
            if (frame.length >= 42 && frame[12] == 0x08 && frame[13] == 0x06) {
                ArpPacket reply = ArpPacket.decode(frame, EthernetHeader.LENGTH);
                if (reply.operation() == ArpPacket.REPLY && reply.senderProtocolAddress().equals(target)
                        && reply.targetHardwareAddress().equals(CLIENT)) {
                    return reply.senderProtocolAddress();
                }
            }
        }
    }
}
