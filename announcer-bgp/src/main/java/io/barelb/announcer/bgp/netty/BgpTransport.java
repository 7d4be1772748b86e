package io.barelb.announcer.bgp.netty;

import java.net.InetAddress;
import java.util.Objects;
import java.util.Optional;

/**
 * How the TCP connection to one peer is made. Immutable.
 *
 * @param peerAddress   the address to dial
 * @param peerPort      179 unless configured
 * @param sourceAddress the local address to bind before dialling, if configured
 * @param ttl           IP TTL / IPv6 hop limit of our packets: 1 for a directly connected eBGP peer, 255 with
 *                      {@code ebgpMultiHop} and for iBGP
 * @param md5Password   the TCP MD5 signature key (RFC 2385), if configured
 */
public record BgpTransport(InetAddress peerAddress, int peerPort, Optional<InetAddress> sourceAddress, int ttl,
        Optional<String> md5Password) {

    public BgpTransport {
        Objects.requireNonNull(peerAddress, "peerAddress");
        Objects.requireNonNull(sourceAddress, "sourceAddress");
        Objects.requireNonNull(md5Password, "md5Password");
        if (peerPort < 1 || peerPort > 65535 || ttl < 1 || ttl > 255) {
            throw new IllegalArgumentException("port 1-65535 and TTL 1-255, not " + peerPort + " and " + ttl);
        }
        md5Password.ifPresent(p -> {
            if (p.isEmpty() || p.length() > 80) {
                // TCP_MD5SIG_MAXKEYLEN in linux/tcp.h
                throw new IllegalArgumentException("a TCP MD5 password is 1 to 80 characters, not " + p.length());
            }
        });
    }

    /** RFC 5082-style TTL choice: 1 for a direct eBGP session, 255 for multi-hop eBGP and for iBGP. */
    public static int ttlFor(boolean internal, boolean ebgpMultiHop) {
        return internal || ebgpMultiHop ? 255 : 1;
    }

    @Override
    public String toString() {
        // never print the password
        return "BgpTransport[" + peerAddress.getHostAddress() + ":" + peerPort + sourceAddress.map(s -> " from "
                + s.getHostAddress()).orElse("") + " ttl " + ttl + (md5Password.isPresent() ? " md5" : "") + "]";
    }
}
