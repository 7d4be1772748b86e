package io.barelb.runtime.speaker;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.HealthChecks.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Supplier;

/**
 * The speaker's health checks. Live: {@code process} (not stopped). Ready: {@code informers} (the source has
 * read Services, EndpointSlices, Nodes and configuration completely once), {@code configuration} (what is in
 * force) and {@code announcers} (every announcer plugin runs and answers for its status).
 */
final class SpeakerHealth {

    private SpeakerHealth() {
    }

    static void register(HealthChecks checks, Supplier<ClusterView> lastView, Speaker speaker, CountDownLatch stopped) {
        checks.live("process", () -> stopped.getCount() == 0 ? Result.failing("the speaker is stopping")
                : Result.ok("running"));
        checks.ready("informers", () -> {
            ClusterView view = lastView.get();
            return view == null
                    ? Result.failing("waiting for the first complete read of Services, EndpointSlices, Nodes and configuration")
                    : Result.ok("synced: " + view.services().size() + " Services, " + view.endpointSlices().size()
                            + " EndpointSlices, " + view.nodes().size() + " Nodes");
        });
        checks.ready("configuration", () -> {
            ClusterView view = lastView.get();
            return view == null ? Result.failing("not read yet")
                    : Result.ok(view.pools().size() + " pools and " + view.resources().size() + " other resources in force");
        });
        checks.ready("announcers", () -> announcers(speaker.announcerHealth()));
    }

    static Result announcers(Map<String, Optional<String>> health) {
        if (health.isEmpty()) {
            return Result.failing("no announcer plugin runs (is a plugins/ folder with layer2 or bgp present?)");
        }
        List<String> failing = new ArrayList<>();
        health.forEach((name, problem) -> problem.ifPresent(why -> failing.add(name + " " + why)));
        return failing.isEmpty() ? Result.ok(String.join(", ", health.keySet()) + " running")
                : Result.failing(String.join("; ", failing));
    }
}
