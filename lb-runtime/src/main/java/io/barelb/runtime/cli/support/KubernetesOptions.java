package io.barelb.runtime.cli.support;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --kubeconfig} and {@code --namespace}, shared by every command that talks to a cluster (a picocli
 * mixin). Without {@code --kubeconfig} the client configures itself the usual way: in-cluster service account
 * in a pod, else {@code $KUBECONFIG} or {@code ~/.kube/config}.
 */
public final class KubernetesOptions {

    @Option(names = "--kubeconfig", paramLabel = "FILE", description = "kubeconfig file (default: in-cluster, $KUBECONFIG or ~/.kube/config).")
    Path kubeconfig;

    @Option(names = "--namespace", paramLabel = "NS", defaultValue = "metallb-system",
            description = "Namespace of the configuration (CRs and the legacy ConfigMap) (default: ${DEFAULT-VALUE}).")
    String namespace;

    /** The configuration namespace. */
    public String namespace() {
        return namespace;
    }

    /** A client for the cluster. */
    public KubernetesClient client() {
        if (kubeconfig == null) {
            return new KubernetesClientBuilder().build();
        }
        try {
            return new KubernetesClientBuilder().withConfig(Config.fromKubeconfig(Files.readString(kubeconfig))).build();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kubeconfig " + kubeconfig, e);
        }
    }
}
