package io.barelb.announcer.layer2;

import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HexFormat;

/**
 * Prints every RTMGRP_LINK datagram the kernel sends in this network namespace as one hex line, for the parser's
 * fixtures ({@code NetlinkLinkParserTest}). Test-only; run inside a namespace, change a link, stop with Ctrl-C:
 * {@code ip netns exec NS java -cp ... io.barelb.announcer.layer2.NetlinkCapture COUNT}.
 */
public final class NetlinkCapture {

    private NetlinkCapture() {
    }

    public static void main(String[] args) {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        NetlinkLinkEvents.LibC libc = Native.load("c", NetlinkLinkEvents.LibC.class);
        int fd = libc.socket(NetlinkLinkEvents.AF_NETLINK, NetlinkLinkEvents.SOCK_RAW, NetlinkLinkEvents.NETLINK_ROUTE);
        ByteBuffer address = ByteBuffer.allocate(12).order(ByteOrder.nativeOrder());
        address.putShort((short) NetlinkLinkEvents.AF_NETLINK).putShort((short) 0).putInt(0)
                .putInt(NetlinkLinkEvents.RTMGRP_LINK);
        libc.bind(fd, address.array(), 12);
        System.out.println("listening");
        byte[] buffer = new byte[64 * 1024];
        for (int i = 0; i < count; i++) {
            int received = libc.recv(fd, buffer, new NativeLong(buffer.length), 0).intValue();
            System.out.println(HexFormat.of().formatHex(buffer, 0, received));
        }
        libc.close(fd);
    }
}
