package com.example.barelb.routingdaemon;

import io.barelb.api.net.IpAddress;
import java.util.Map;
import java.util.TreeMap;

/**
 * The BIRD 2 include file for a set of host routes: one {@code protocol static} per family,
 * {@value #IPV4_PROTOCOL} and {@value #IPV6_PROTOCOL}, holding a {@code /32} or {@code /128} route per address. The
 * node's {@code bird.conf} includes the file and exports these protocols to its peers, e.g. {@code export where proto
 * = "barelb_v4";} in the BGP channel. An empty set is a file with no protocol at all: reconfiguring then removes both
 * protocols and with them every route. Pure; the text depends only on the routes, in address order.
 */
final class BirdRoutes {

    static final String IPV4_PROTOCOL = "barelb_v4";
    static final String IPV6_PROTOCOL = "barelb_v6";
    static final String HEADER = "# Written by the BareLB routing-daemon announcer; changes are overwritten.\n";

    private BirdRoutes() {
    }

    /** The file's text for {@code routes}: address to route type ({@code blackhole}, {@code unreachable}, ...). */
    static String render(Map<IpAddress, String> routes) {
        Map<IpAddress, String> v4 = new TreeMap<>();
        Map<IpAddress, String> v6 = new TreeMap<>();
        routes.forEach((address, type) -> (address.isIpv4() ? v4 : v6).put(address, type));
        StringBuilder text = new StringBuilder(HEADER);
        block(text, IPV4_PROTOCOL, "ipv4", "/32", v4);
        block(text, IPV6_PROTOCOL, "ipv6", "/128", v6);
        return text.toString();
    }

    private static void block(StringBuilder text, String protocol, String channel, String length,
                              Map<IpAddress, String> routes) {
        if (routes.isEmpty()) {
            return;
        }
        text.append("protocol static ").append(protocol).append(" {\n  ").append(channel).append(";\n");
        routes.forEach((address, type) -> text.append("  route ").append(address).append(length).append(' ')
                .append(type).append(";\n"));
        text.append("}\n");
    }
}
