package io.barelb.announcer.layer2;

import io.barelb.api.net.IpAddress;
import java.util.Objects;

/** What the {@link Responder} decided about one received frame. */
sealed interface Verdict {

    /**
     * A request for an owned address: send {@code reply}.
     *
     * @param address the owned address asked for
     * @param reply   the whole Ethernet frame to send back
     */
    record Answer(IpAddress address, byte[] reply) implements Verdict {
        public Answer {
            Objects.requireNonNull(address, "address");
            Objects.requireNonNull(reply, "reply");
        }
    }

    /**
     * Nothing to do: not a request, not for an owned address, not addressed to this interface, or our own frame.
     *
     * @param reason a short explanation, for tests and debug logs
     */
    record Ignored(String reason) implements Verdict {
    }

    /**
     * A broken ARP or neighbor discovery frame: counted, never answered.
     *
     * @param reason what is wrong with it
     */
    record Malformed(String reason) implements Verdict {
    }
}
