package io.barelb.announcer.bgp.config;

import static io.barelb.announcer.bgp.config.Resources.map;
import static io.barelb.announcer.bgp.config.Resources.peer;
import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.config.ConfigProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Passwords resolved at apply time; a missing Secret is transient, as in MetalLB. */
class PeerPasswordsTest {

    private static PeerConfig peerWith(Object... more) {
        List<Object> kv = new ArrayList<>(List.of("myASN", 1, "peerASN", 2, "peerAddress", "192.0.2.1"));
        kv.addAll(List.of(more));
        return BgpConfig.from(List.of(peer("r", kv.toArray()))).peers().get("r");
    }

    @Test
    void theWrittenPasswordIsUsedWithoutAskingForSecrets() {
        PeerPasswords.Resolution r = PeerPasswords.resolve(peerWith("password", "hunter2"), (n, k) -> {
            throw new AssertionError("no Secret should be read");
        });

        assertThat(r.password()).contains("hunter2");
        assertThat(r.problem()).isEmpty();
    }

    @Test
    void theSecretIsReadByNameAndKeyPassword() {
        List<String> asked = new ArrayList<>();
        PeerPasswords.Resolution r = PeerPasswords.resolve(peerWith("passwordSecret", map("name", "auth")), (n, k) -> {
            asked.add(n + "/" + k);
            return Optional.ofNullable(Map.of("auth/password", "s3cret").get(n + "/" + k));
        });

        assertThat(asked).containsExactly("auth/password");
        assertThat(r.password()).contains("s3cret");
    }

    @Test
    void aMissingSecretIsATransientProblemNamingTheFix() {
        PeerPasswords.Resolution r = PeerPasswords.resolve(peerWith("passwordSecret", map("name", "auth")),
                (n, k) -> Optional.empty());

        assertThat(r.password()).isEmpty();
        assertThat(r.transientError()).isTrue();
        assertThat(r.problem().map(ConfigProblem::message)).contains("BGPPeer \"r\": spec.passwordSecret.name \"auth\": "
                + "Secret not found or has no key \"password\"; create a kubernetes.io/basic-auth Secret of that name "
                + "with key password in the configuration namespace (the session waits for it)");
    }

    @Test
    void aSecretPasswordWithALineBreakIsRefused() {
        PeerPasswords.Resolution r = PeerPasswords.resolve(peerWith("passwordSecret", map("name", "auth")),
                (n, k) -> Optional.of("a\nb"));

        assertThat(r.password()).isEmpty();
        assertThat(r.transientError()).isFalse();
        assertThat(r.problem()).isPresent();
    }
}
