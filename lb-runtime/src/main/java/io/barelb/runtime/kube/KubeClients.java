package io.barelb.runtime.kube;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Path;
import java.util.Optional;

/** Builds API clients for the commands. */
public final class KubeClients {

    private KubeClients() {
    }

    /**
     * A client for the kubeconfig file given, or else configured the usual way: {@code KUBECONFIG} /
     * {@code ~/.kube/config}, or the service account when running in a pod.
     */
    public static KubernetesClient create(Optional<Path> kubeconfig) {
        KubernetesClientBuilder builder = new KubernetesClientBuilder();
        kubeconfig.ifPresent(file -> builder.withConfig(Config.fromKubeconfig(file.toFile())));
        return builder.build();
    }
}
