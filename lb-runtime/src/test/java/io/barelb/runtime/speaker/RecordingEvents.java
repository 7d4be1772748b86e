package io.barelb.runtime.speaker;

import io.barelb.api.EventSink;
import io.barelb.api.ServiceKey;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records events as {@code "ns/name reason message"}, Warnings as {@code "ns/name WARNING reason message"}. */
final class RecordingEvents implements EventSink {

    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void normal(ServiceKey service, String reason, String message) {
        events.add(service + " " + reason + " " + message);
    }

    @Override
    public void warning(ServiceKey service, String reason, String message) {
        events.add(service + " WARNING " + reason + " " + message);
    }
}
