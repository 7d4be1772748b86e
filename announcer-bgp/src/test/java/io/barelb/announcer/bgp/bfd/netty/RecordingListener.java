package io.barelb.announcer.bgp.bfd.netty;

import io.barelb.announcer.bgp.bfd.wire.BfdDiagnostic;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Keeps every Up and Down it is told about, with the System.nanoTime() it heard it at. */
public final class RecordingListener implements BfdSessionListener {

    /** One notification; {@code diagnostic} is null for Up. */
    public record Event(InetAddress peer, boolean up, BfdDiagnostic diagnostic, long atNanos) {
    }

    public final List<Event> events = new CopyOnWriteArrayList<>();

    @Override
    public void sessionUp(InetAddress peer) {
        events.add(new Event(peer, true, null, System.nanoTime()));
    }

    @Override
    public void sessionDown(InetAddress peer, BfdDiagnostic diagnostic) {
        events.add(new Event(peer, false, diagnostic, System.nanoTime()));
    }

    public long count(InetAddress peer, boolean up) {
        return events.stream().filter(e -> e.peer.equals(peer) && e.up == up).count();
    }

    public Event last(InetAddress peer) {
        return events.stream().filter(e -> e.peer.equals(peer)).reduce((a, b) -> b).orElse(null);
    }
}
