package io.barelb.announcer.bgp.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import io.barelb.api.net.IpPrefix;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RouteTest {

    private static Route route(String prefix, String... addresses) {
        return new Route(IpPrefix.parse(prefix), new TreeSet<>(List.of(addresses).stream().map(IpAddress::parse).toList()),
                Optional.empty(), new TreeSet<>(), List.of(), new TreeSet<>(List.of("adv")));
    }

    @Test
    void addressesOfCollectsEveryAddressOfEveryRouteAggregatedOrNot() {
        List<Route> routes = List.of(route("198.51.100.0/24", "198.51.100.10", "198.51.100.20"),
                route("203.0.113.5/32", "203.0.113.5"));
        assertThat(Route.addressesOf(routes)).containsExactlyInAnyOrder(IpAddress.parse("198.51.100.10"),
                IpAddress.parse("198.51.100.20"), IpAddress.parse("203.0.113.5"));
        assertThat(Route.addressesOf(List.of())).isEmpty();
    }
}
