package io.barelb.announcer.layer2;

import java.util.Objects;
import java.util.Optional;

/**
 * One link notification from the kernel ({@code RTM_NEWLINK} or {@code RTM_DELLINK} on {@code RTMGRP_LINK}),
 * reduced to what says whether the link can carry announcements. Immutable.
 *
 * @param removed   true for {@code RTM_DELLINK} (the interface is gone)
 * @param index     {@code ifi_index}
 * @param name      {@code IFLA_IFNAME}, or empty when the message carried none
 * @param flags     {@code ifi_flags} ({@code IFF_UP} 0x1, {@code IFF_RUNNING} 0x40, {@code IFF_LOWER_UP} 0x10000)
 * @param operState {@code IFLA_OPERSTATE} (RFC 2863: 0 unknown, 2 down, 6 up, ...), or -1 when absent
 */
record LinkEvent(boolean removed, int index, Optional<String> name, int flags, int operState) {

    static final int IFF_UP = 0x1;
    static final int IFF_RUNNING = 0x40;
    static final int IFF_LOWER_UP = 0x10000;
    static final int OPER_UP = 6;

    LinkEvent {
        Objects.requireNonNull(name, "name");
    }

    /** True when the link is administratively up and has carrier. */
    boolean up() {
        return !removed && (flags & IFF_UP) != 0 && (flags & (IFF_RUNNING | IFF_LOWER_UP)) != 0;
    }

    /** The interface's name, or {@code #INDEX} when the message carried none. */
    String label() {
        return name.orElse("#" + index);
    }
}
