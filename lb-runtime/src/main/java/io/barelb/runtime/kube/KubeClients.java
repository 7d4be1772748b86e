package io.barelb.runtime.kube;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** Builds API clients for the commands. */
public final class KubeClients {

    private static volatile String lastUrl = "";

    private KubeClients() {
    }

    /**
     * The API server URL of the client this process built last, for error messages ("did not answer at URL");
     * empty before the first.
     */
    public static String lastUrl() {
        return lastUrl;
    }

    /**
     * A client for the kubeconfig file given, or else configured the usual way: {@code KUBECONFIG} /
     * {@code ~/.kube/config}, or the service account when running in a pod. It retries failed requests with
     * backoff, as a long-running process wants.
     *
     * @throws LbException naming the file when it does not exist or is not a kubeconfig
     */
    public static KubernetesClient create(Optional<Path> kubeconfig) {
        return new KubernetesClientBuilder().withConfig(config(kubeconfig)).build();
    }

    /**
     * A client for a command that asks once and exits: every request, connecting included, gives up after
     * {@code timeout}, and nothing is retried, so a missing cluster is reported within that time.
     */
    public static KubernetesClient createShortLived(Optional<Path> kubeconfig, Duration timeout) {
        int millis = (int) Math.min(Integer.MAX_VALUE, Math.max(1, timeout.toMillis()));
        Config config = new ConfigBuilder(config(kubeconfig)).withConnectionTimeout(millis).withRequestTimeout(millis)
                .withRequestRetryBackoffLimit(0).build();
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    private static Config config(Optional<Path> kubeconfig) {
        Config config = read(kubeconfig);
        lastUrl = Optional.ofNullable(config.getMasterUrl()).orElse("");
        return config;
    }

    private static Config read(Optional<Path> kubeconfig) {
        if (kubeconfig.isEmpty()) {
            return Config.autoConfigure(null);
        }
        Path file = kubeconfig.get();
        if (!Files.isRegularFile(file)) {
            throw new LbException(ErrorCode.INVALID_REQUEST, "--kubeconfig " + file + ": "
                    + (Files.exists(file) ? "is not a file" : "no such file") + "; give the path of a kubeconfig file");
        }
        try {
            return Config.fromKubeconfig(file.toFile());
        } catch (KubernetesClientException e) {
            throw new LbException(ErrorCode.INVALID_REQUEST, "--kubeconfig " + file + ": not a kubeconfig file ("
                    + Optional.ofNullable(e.getCause()).map(Throwable::getMessage).orElse(e.getMessage())
                    + "); check it with kubectl --kubeconfig " + file + " config view");
        }
    }
}
