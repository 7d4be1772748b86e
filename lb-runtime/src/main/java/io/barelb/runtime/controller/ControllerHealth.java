package io.barelb.runtime.controller;

import io.barelb.runtime.host.HealthChecks;
import io.barelb.runtime.host.HealthChecks.Result;

/**
 * The controller's health checks. Live: {@code leader-election} (this replica still campaigns for the Lease;
 * fabric8's elector ends after a lost term, and a restart campaigns again). Ready: {@code leadership} (leader or
 * standby, both ready), {@code informers} (the leader's informers have listed everything) and
 * {@code configuration} (the leader has a valid configuration in force). A standby runs no informers.
 */
public final class ControllerHealth {

    private ControllerHealth() {
    }

    public static void register(HealthChecks checks, LeaderElectedController elected) {
        checks.live("leader-election", () -> elected.campaigning()
                ? Result.ok("campaigning for Lease " + LeaderElectedController.LEASE_NAME + " as " + elected.identity())
                : Result.failing("the campaign for Lease " + LeaderElectedController.LEASE_NAME
                        + " ended; restart the process to campaign again"));
        checks.ready("leadership", () -> {
            if (elected.isLeading()) {
                return Result.ok("leader (" + elected.identity() + ")");
            }
            String leader = elected.leader();
            return Result.ok("standby (" + elected.identity() + "); leader is "
                    + (leader == null || leader.isBlank() ? "not known yet" : leader));
        });
        checks.ready("informers", () -> elected.controller() != null
                ? Result.ok("synced (the leader's informers have listed Services, Namespaces and configuration)")
                : Result.ok("standby: none run until this replica leads"));
        checks.ready("configuration", () -> {
            ServiceController controller = elected.controller();
            if (controller == null) {
                return Result.ok("standby: read when this replica leads");
            }
            ConfigState state = controller.configState();
            if (!state.loaded()) {
                return Result.failing("no valid configuration yet" + (state.problems().isEmpty() ? ""
                        : ": " + state.problems().get(0).message()));
            }
            int pools = state.inForce().orElseThrow().pools().size();
            return Result.ok(state.stale() ? "the newest configuration was rejected; the last good one (" + pools
                    + " pools) stays in force" : "valid, " + pools + " pools");
        });
    }
}
