package io.barelb.announcer.bgp.config;

import io.barelb.api.config.ConfigProblem;
import java.util.Optional;
import java.util.function.BiFunction;

/**
 * Resolves a peer's TCP MD5 password at apply time: the {@code password} written in the BGPPeer, or key
 * {@code password} of the basic-auth Secret named by {@code passwordSecret}, read through
 * {@code PluginContext.secret(name, "password")}. As in MetalLB ({@code passwordFromSecretForPeer} in
 * {@code internal/config/config.go}) a missing Secret is transient: the peer waits until it appears. Pure.
 */
public final class PeerPasswords {

    /** The Secret key that holds the password (a {@code kubernetes.io/basic-auth} Secret). */
    public static final String KEY = "password";

    private PeerPasswords() {
    }

    /**
     * The outcome for one peer: exactly one of a password (possibly none) or a problem.
     *
     * @param password  the password to use, empty when the peer needs none
     * @param problem   why the password cannot be had yet
     * @param transientError true when the problem may clear by itself (the Secret or its key does not exist yet)
     */
    public record Resolution(Optional<String> password, Optional<ConfigProblem> problem, boolean transientError) {
    }

    /**
     * The password of {@code peer}.
     *
     * @param secrets {@code (secretName, key) -> value}, e.g. {@code PluginContext::secret}
     */
    public static Resolution resolve(PeerConfig peer, BiFunction<String, String, Optional<String>> secrets) {
        if (peer.passwordSecret().isEmpty()) {
            return new Resolution(peer.password(), Optional.empty(), false);
        }
        String secret = peer.passwordSecret().get();
        Optional<String> value = secrets.apply(secret, KEY);
        if (value.isEmpty()) {
            return new Resolution(Optional.empty(), Optional.of(new ConfigProblem(PeerRules.KIND, peer.name(),
                    "spec.passwordSecret.name", secret, "Secret not found or has no key \"" + KEY + "\"; create a "
                    + "kubernetes.io/basic-auth Secret of that name with key " + KEY
                    + " in the configuration namespace (the session waits for it)")), true);
        }
        if (value.get().contains("\n") || value.get().contains("\r")) {
            return new Resolution(Optional.empty(), Optional.of(new ConfigProblem(PeerRules.KIND, peer.name(),
                    "spec.passwordSecret.name", secret, "key " + KEY + " of the Secret contains a line break; remove it")),
                    false);
        }
        return new Resolution(value, Optional.empty(), false);
    }
}
