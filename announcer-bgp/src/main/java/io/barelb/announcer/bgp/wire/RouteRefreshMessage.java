package io.barelb.announcer.bgp.wire;

/**
 * ROUTE-REFRESH (RFC 2918 §3): asks the peer to re-send its Adj-RIB-Out for one address family.
 *
 * <pre>
 * +-------------------------------+----------------+---------------+
 * |              AFI (2)          |  Reserved (1)  |   SAFI (1)    |
 * +-------------------------------+----------------+---------------+
 * </pre>
 */
public record RouteRefreshMessage(AddressFamily family) implements BgpMessage {

    public static final int TYPE = 5;

    @Override
    public int type() {
        return TYPE;
    }
}
