package com.example.barelb.routingdaemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.barelb.api.net.IpAddress;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BirdRoutesTest {

    @Test
    void oneStaticProtocolPerFamilyWithAHostRoutePerAddressInAddressOrder() {
        String text = BirdRoutes.render(Map.of(IpAddress.parse("203.0.113.11"), "blackhole",
                IpAddress.parse("203.0.113.10"), "unreachable", IpAddress.parse("2001:db8::10"), "blackhole"));

        assertEquals(BirdRoutes.HEADER + """
                protocol static barelb_v4 {
                  ipv4;
                  route 203.0.113.10/32 unreachable;
                  route 203.0.113.11/32 blackhole;
                }
                protocol static barelb_v6 {
                  ipv6;
                  route 2001:db8::10/128 blackhole;
                }
                """, text);
    }

    @Test
    void noRouteIsAFileWithoutProtocolsSoReconfiguringRemovesThem() {
        assertEquals(BirdRoutes.HEADER, BirdRoutes.render(Map.of()));
    }
}
