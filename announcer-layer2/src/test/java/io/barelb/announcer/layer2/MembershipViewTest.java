package io.barelb.announcer.layer2;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The view's rules on who counts as alive and when this speaker may claim addresses. */
class MembershipViewTest {

    @Test
    void withoutMembershipEveryNodeIsAliveAndThisNodeMayClaim() {
        MembershipView none = MembershipView.inactive();

        assertThat(none.phase()).isEqualTo(MembershipView.Phase.NONE);
        assertThat(none.isAlive("node-9")).isTrue();
        assertThat(none.mayClaim(false)).isTrue();
    }

    @Test
    void aJoiningSpeakerClaimsNothingUntilTheJoinWaitIsOver() {
        MembershipView joining = MembershipView.joining();

        assertThat(joining.active()).isFalse();
        assertThat(joining.mayClaim(false)).as("it cannot know who owns an address now").isFalse();
        assertThat(joining.mayClaim(true)).as("past the wait it behaves as without membership").isTrue();
        assertThat(joining.isAlive("node-9")).isTrue();
    }

    @Test
    void aJoinedSpeakerCountsOnlyTheMembersAliveEvenAlone() {
        MembershipView alone = new MembershipView(MembershipView.Phase.JOINED, Set.of("node-1"), Map.of(), 0, Map.of());

        assertThat(alone.mayClaim(false)).as("a group of one (the first node) may announce").isTrue();
        assertThat(alone.isAlive("node-1")).isTrue();
        assertThat(alone.isAlive("node-2")).isFalse();
        assertThat(new MembershipView(true, Set.of("node-1"), Map.of(), 0).phase()).isEqualTo(MembershipView.Phase.JOINED);
        assertThat(new MembershipView(false, Set.of(), Map.of(), 0).phase()).isEqualTo(MembershipView.Phase.NONE);
    }
}
