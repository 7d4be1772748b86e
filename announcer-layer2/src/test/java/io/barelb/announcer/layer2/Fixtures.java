package io.barelb.announcer.layer2;

import java.util.HexFormat;

/**
 * Frames captured with {@code tcpdump -xx} between two Linux 6.x network namespaces: the kernel's own ARP and
 * neighbor discovery, so the codec is checked against an implementation that is not ours.
 * Client 02:00:00:00:00:64 (192.0.2.100, fe80::ff:fe00:64); node 02:00:00:00:00:0b (192.0.2.11, 2001:db8::11).
 */
final class Fixtures {

    static final MacAddress CLIENT_MAC = MacAddress.parse("02:00:00:00:00:64");
    static final MacAddress NODE_MAC = MacAddress.parse("02:00:00:00:00:0b");

    /** Request who-has 192.0.2.11 tell 192.0.2.100, broadcast. */
    static final byte[] ARP_REQUEST = hex("ffffffffffff 020000000064 0806 0001 0800 06 04 0001 020000000064 c0000264 000000000000 c000020b");
    /** The kernel's Reply 192.0.2.11 is-at 02:00:00:00:00:0b. */
    static final byte[] ARP_REPLY = hex("020000000064 02000000000b 0806 0001 0800 06 04 0002 02000000000b c000020b 020000000064 c0000264");
    /** fe80::ff:fe00:64 > ff02::1:ff00:11: neighbor solicitation, who has 2001:db8::11, with source link-layer option. */
    static final byte[] NEIGHBOR_SOLICITATION = hex("3333ff000011 020000000064 86dd 600f27f1 0020 3a ff"
            + "fe80000000000000000000fffe000064 ff0200000000000000000001ff000011"
            + "87004b7b 00000000 20010db8000000000000000000000011 0101 020000000064");
    /** The kernel's answer: 2001:db8::11 > fe80::ff:fe00:64: neighbor advertisement (S, O), tgt is 2001:db8::11. */
    static final byte[] NEIGHBOR_ADVERTISEMENT = hex("020000000064 02000000000b 86dd 60000000 0020 3a ff"
            + "20010db8000000000000000000000011 fe80000000000000000000fffe000064"
            + "8800ba1f 60000000 20010db8000000000000000000000011 0201 02000000000b");

    private Fixtures() {
    }

    static byte[] hex(String text) {
        return HexFormat.of().parseHex(text.replace(" ", ""));
    }
}
