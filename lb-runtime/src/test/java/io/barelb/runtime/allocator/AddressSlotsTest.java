package io.barelb.runtime.allocator;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.net.IpAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link AddressSlots} against {@link HashMap} as the reference: seeded random puts, put-if-absents, removals
 * and look-ups over dense runs (a /22 and the ends of the IPv4 space), isolated IPv6 addresses far apart, and
 * IPv6 addresses whose low 64 bits equal IPv4 ones (the families must never mix), growing to thousands of
 * addresses and back to none, when every page must be gone.
 */
class AddressSlotsTest {

    @Test
    void matchesHashMapUnderSeededRandomOperations() {
        for (long seed : new long[] {3, 4, 0xADD5L}) {
            check(new SplittableRandom(seed));
        }
    }

    private static void check(SplittableRandom random) {
        List<IpAddress> addresses = new ArrayList<>();
        IpAddress dense = IpAddress.parse("10.0.4.0");
        for (int i = 0; i < 1024; i++) {
            addresses.add(dense.plus(i));
            addresses.add(IpAddress.ipv6(0, dense.low() + i)); // ::10.0.4.x, same low bits, other family
        }
        for (int i = 0; i < 40; i++) {
            addresses.add(IpAddress.parse("0.0.0.0").plus(i));
            addresses.add(IpAddress.ipv4(-1 - i)); // 255.255.255.255 downwards
        }
        for (int i = 0; i < 500; i++) {
            addresses.add(IpAddress.ipv6(0x20010db8_00000000L | random.nextInt(4), random.nextLong()));
        }
        AddressSlots<Integer> slots = new AddressSlots<>();
        Map<IpAddress, Integer> model = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            boolean filling = step < 100_000;
            IpAddress address = addresses.get(random.nextInt(addresses.size()));
            IpAddress lookalike = IpAddress.of(address.family(), address.high(), address.low()); // equal, not identical
            int value = random.nextInt();
            switch (random.nextInt(6)) {
                case 0, 1 -> {
                    if (filling) {
                        assertThat(slots.put(address, value)).isEqualTo(model.put(address, value));
                    } else {
                        assertThat(slots.remove(lookalike)).isEqualTo(model.remove(address));
                    }
                }
                case 2 -> assertThat(slots.putIfAbsent(lookalike, value)).isEqualTo(model.putIfAbsent(address, value));
                case 3 -> assertThat(slots.remove(address)).isEqualTo(model.remove(address));
                case 4 -> assertThat(slots.containsKey(lookalike)).isEqualTo(model.containsKey(address));
                default -> assertThat(slots.get(lookalike)).isEqualTo(model.get(address));
            }
            assertThat(slots.size()).isEqualTo(model.size());
        }
        for (IpAddress address : addresses) {
            assertThat(slots.get(address)).as("value of %s", address).isEqualTo(model.get(address));
        }
        for (IpAddress address : addresses) {
            assertThat(slots.remove(address)).isEqualTo(model.remove(address));
        }
        assertThat(slots.size()).isZero();
        assertThat(slots.pageCount()).as("pages left once every address is removed").isZero();
    }
}
