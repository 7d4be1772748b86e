package io.barelb.runtime.allocator;

import static io.barelb.runtime.allocator.Fixtures.allocator;
import static io.barelb.runtime.allocator.Fixtures.assigned;
import static io.barelb.runtime.allocator.Fixtures.failed;
import static io.barelb.runtime.allocator.Fixtures.ip;
import static io.barelb.runtime.allocator.Fixtures.ips;
import static io.barelb.runtime.allocator.Fixtures.key;
import static io.barelb.runtime.allocator.Fixtures.pool;
import static io.barelb.runtime.allocator.Fixtures.svc;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharingTest {

    private final Allocator allocator = allocator(pool("default", "192.0.2.0/24"));

    private ServiceRequest sharing(String service, String key, ServicePort... ports) {
        return svc(service).withAddresses(ips("192.0.2.10")).withSharing(key, Set.of(ports));
    }

    @Test
    void sameKeyAndDisjointPortsShare() {
        assigned(allocator.assign(sharing("a/dns-tcp", "dns", ServicePort.tcp(53))));
        assertThat(assigned(allocator.assign(sharing("a/dns-udp", "dns", ServicePort.udp(53))))).containsExactly("192.0.2.10");
        assertThat(allocator.holders(ip("192.0.2.10"))).containsExactlyInAnyOrder(key("a/dns-tcp"), key("a/dns-udp"));
        assertThat(allocator.usage().get(0).assigned()).isEqualTo(1);
    }

    @Test
    void aCommonPortIsRefused() {
        assigned(allocator.assign(sharing("a/one", "k", ServicePort.tcp(80))));
        assertThat(failed(allocator.assign(sharing("a/two", "k", ServicePort.tcp(80), ServicePort.tcp(443))),
                ErrorCode.ADDRESS_IN_USE)).contains("port TCP/80");
    }

    @Test
    void differentOrEmptyKeysAreRefused() {
        assigned(allocator.assign(sharing("a/one", "k", ServicePort.tcp(80))));
        assertThat(failed(allocator.assign(sharing("a/two", "other", ServicePort.tcp(81))), ErrorCode.ADDRESS_IN_USE))
                .contains("allow-shared-ip \"k\"");
        failed(allocator.assign(sharing("a/three", "", ServicePort.tcp(82))), ErrorCode.ADDRESS_IN_USE);
        Allocator fresh = allocator(pool("default", "192.0.2.0/24"));
        assigned(fresh.assign(sharing("a/one", "", ServicePort.tcp(80))));
        failed(fresh.assign(sharing("a/two", "", ServicePort.tcp(81))), ErrorCode.ADDRESS_IN_USE);
    }

    @Test
    void localServicesShareOnlyWithTheSameSelector() {
        assigned(allocator.assign(sharing("a/one", "k", ServicePort.tcp(80)).withTrafficPolicy(true, "app=web")));
        assigned(allocator.assign(sharing("a/two", "k", ServicePort.tcp(81)).withTrafficPolicy(true, "app=web")));
        assertThat(failed(allocator.assign(sharing("a/three", "k", ServicePort.tcp(82)).withTrafficPolicy(true, "app=db")),
                ErrorCode.ADDRESS_IN_USE)).contains("externalTrafficPolicy");
    }

    @Test
    void localAndClusterNeverShare() {
        assigned(allocator.assign(sharing("a/cluster", "k", ServicePort.tcp(80))));
        failed(allocator.assign(sharing("a/local", "k", ServicePort.tcp(81)).withTrafficPolicy(true, "")),
                ErrorCode.ADDRESS_IN_USE);
    }

    @Test
    void anAddressStaysTakenUntilItsLastSharerLeaves() {
        assigned(allocator.assign(sharing("a/one", "k", ServicePort.tcp(80))));
        assigned(allocator.assign(sharing("a/two", "k", ServicePort.tcp(81))));
        allocator.release(key("a/one"));
        assertThat(allocator.holders(ip("192.0.2.10"))).containsExactly(key("a/two"));
        failed(allocator.assign(svc("a/thief").withAddresses(ips("192.0.2.10"))), ErrorCode.ADDRESS_IN_USE);
        allocator.release(key("a/two"));
        assertThat(assigned(allocator.assign(svc("a/thief").withAddresses(ips("192.0.2.10"))))).containsExactly("192.0.2.10");
    }

    @Test
    void theSoleHolderMayChangeItsKeyButNotWhileShared() {
        assigned(allocator.assign(sharing("a/one", "k", ServicePort.tcp(80))));
        assertThat(assigned(allocator.assign(sharing("a/one", "new", ServicePort.tcp(80))))).containsExactly("192.0.2.10");
        assigned(allocator.assign(sharing("a/two", "new", ServicePort.tcp(81))));
        // a/one now changes its key while a/two shares the address: it loses the address (the request is refused)
        failed(allocator.assign(sharing("a/one", "newer", ServicePort.tcp(80))), ErrorCode.ADDRESS_IN_USE);
        assertThat(allocator.holders(ip("192.0.2.10"))).containsExactly(key("a/two"));
    }

    @Test
    void automaticAllocationTakesTheLowestFreeOrShareableAddressAsMetalLbDoes() {
        Allocator ranged = allocator(pool("default", "192.0.2.10-192.0.2.20"));
        assigned(ranged.assign(sharing("a/one", "k", ServicePort.tcp(80))));
        // .10 is shareable and lower than the lowest free address (.11): it is joined
        ServiceRequest two = svc("a/two").withSharing("k", Set.of(ServicePort.tcp(81)));
        assertThat(assigned(ranged.assign(two))).containsExactly("192.0.2.10");
        // a port in common makes .10 unusable: the lowest free address it is
        ServiceRequest three = svc("a/three").withSharing("k", Set.of(ServicePort.tcp(81)));
        assertThat(assigned(ranged.assign(three))).containsExactly("192.0.2.11");
        // another key never joins
        ServiceRequest four = svc("a/four").withSharing("other", Set.of(ServicePort.tcp(99)));
        assertThat(assigned(ranged.assign(four))).containsExactly("192.0.2.12");
        // a lower free address beats a shareable one
        ranged.release(key("a/three"));
        ranged.release(key("a/one"));
        ranged.release(key("a/two"));
        assigned(ranged.assign(sharing("a/five", "k", ServicePort.tcp(80)).withAddresses(ips("192.0.2.15"))));
        ServiceRequest six = svc("a/six").withSharing("k", Set.of(ServicePort.tcp(81)));
        assertThat(assigned(ranged.assign(six))).containsExactly("192.0.2.10");
    }
}
