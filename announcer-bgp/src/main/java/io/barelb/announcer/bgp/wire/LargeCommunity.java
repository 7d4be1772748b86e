package io.barelb.announcer.bgp.wire;

/** A large community of RFC 8092: global administrator, local data part 1, local data part 2; 4 octets each. */
public record LargeCommunity(long globalAdministrator, long localData1, long localData2) {

    public LargeCommunity {
        for (long part : new long[] {globalAdministrator, localData1, localData2}) {
            if (part < 0 || part > 0xFFFF_FFFFL) {
                throw new IllegalArgumentException("each part of a large community is 32 bits unsigned: " + part);
            }
        }
    }

    @Override
    public String toString() {
        return globalAdministrator + ":" + localData1 + ":" + localData2;
    }
}
