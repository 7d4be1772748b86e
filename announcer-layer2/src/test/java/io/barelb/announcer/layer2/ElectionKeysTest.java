package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ServiceKey;
import io.barelb.api.announce.Advertisement;
import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ElectionKeysTest {

    private static final IpAddress V4 = IpAddress.parse("192.0.2.10");
    private static final IpAddress V6 = IpAddress.parse("2001:db8::10");

    @Test
    void aSingleStackServiceIsElectedByItsOwnAddress() {
        assertThat(ElectionKeys.of(List.of(ad("web", V4, List.of(V4))))).isEqualTo(Map.of(V4, V4));
    }

    @Test
    void bothAddressesOfADualStackServiceAreElectedByItsFirstInStatusOrder() {
        assertThat(ElectionKeys.of(List.of(ad("web", V4, List.of(V4, V6)), ad("web", V6, List.of(V4, V6)))))
                .isEqualTo(Map.of(V4, V4, V6, V4));
        assertThat(ElectionKeys.of(List.of(ad("web", V4, List.of(V6, V4)), ad("web", V6, List.of(V6, V4)))))
                .as("IPv6 first in the Service's status").isEqualTo(Map.of(V4, V6, V6, V6));
    }

    @Test
    void anAdvertisementFromBefore05IsElectedByItsAddress() {
        Advertisement old = new Advertisement(new ServiceKey("default", "web"), V6, "pool", Set.of("node-1"), List.of(),
                false);
        assertThat(ElectionKeys.of(List.of(old))).isEqualTo(Map.of(V6, V6));
    }

    @Test
    void everySpeakerComputesTheSameKeysWhateverOrderItSeesTheServicesIn() {
        SplittableRandom random = new SplittableRandom(20261203L);
        for (int trial = 0; trial < 200; trial++) {
            List<Advertisement> ads = new ArrayList<>();
            for (int service = 0; service < 8; service++) {
                List<IpAddress> addresses = new ArrayList<>();
                addresses.add(IpAddress.parse("192.0.2." + random.nextInt(1, 6)));
                if (random.nextBoolean()) {
                    addresses.add(IpAddress.parse("2001:db8::" + random.nextInt(1, 6)));
                }
                if (random.nextBoolean()) {
                    Collections.reverse(addresses);
                }
                for (IpAddress address : addresses) {
                    ads.add(ad("s" + service, address, addresses));
                }
            }
            Map<IpAddress, IpAddress> keys = ElectionKeys.of(ads);
            List<Advertisement> shuffled = new ArrayList<>(ads);
            Collections.shuffle(shuffled, new java.util.Random(random.nextLong()));

            assertThat(ElectionKeys.of(shuffled)).isEqualTo(keys);
            for (Advertisement ad : ads) {
                IpAddress key = keys.get(ad.address());
                assertThat(key).as("the key of %s is no higher than its Service's first", ad.address())
                        .isLessThanOrEqualTo(ad.serviceAddresses().get(0));
                assertThat(ads).as("the key of %s is the first address of a Service holding it", ad.address())
                        .anyMatch(other -> other.address().equals(ad.address())
                                && other.serviceAddresses().get(0).equals(key));
            }
        }
    }

    private static Advertisement ad(String service, IpAddress address, List<IpAddress> serviceAddresses) {
        return new Advertisement(new ServiceKey("default", service), address, "pool", Set.of("node-1", "node-2"),
                List.of(), false, List.of(), serviceAddresses);
    }
}
