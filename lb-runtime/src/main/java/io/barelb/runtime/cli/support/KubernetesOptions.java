package io.barelb.runtime.cli.support;

import io.barelb.runtime.kube.ApiWait;
import io.barelb.runtime.kube.KubeClients;
import io.fabric8.kubernetes.client.KubernetesClient;
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
    String namespace = "metallb-system";

    /** The configuration namespace. */
    public String namespace() {
        return namespace;
    }

    /** A client for the cluster, for a long-running process (retries with backoff). */
    public KubernetesClient client() {
        return KubeClients.create(java.util.Optional.ofNullable(kubeconfig));
    }

    /** A client for a command that asks once: gives up after {@code timeout}, no retries. */
    public KubernetesClient shortLivedClient(RequestTimeout timeout) {
        return shortLivedClient(timeout.duration());
    }

    /** A client that gives up on each request after {@code timeout}, no retries. */
    public KubernetesClient shortLivedClient(java.time.Duration timeout) {
        return KubeClients.createShortLived(java.util.Optional.ofNullable(kubeconfig), timeout);
    }

    /**
     * Waits until the cluster's API answers, saying once (and once a minute) what fails and where instead of the
     * client library's stack traces. A short-lived client asks, so each attempt ends within a few seconds.
     *
     * @param process "controller" or "speaker", for the log lines
     */
    public void awaitApi(String process) throws Exception {
        try (KubernetesClient probe = shortLivedClient(java.time.Duration.ofSeconds(5))) {
            new ApiWait(() -> "Kubernetes " + probe.getKubernetesVersion().getGitVersion(), java.time.Duration.ofSeconds(5),
                    duration -> Thread.sleep(duration.toMillis()), java.time.Clock.systemUTC(), ApiWait.log(process),
                    "Point the " + process + " at a cluster with --kubeconfig FILE or $KUBECONFIG, or run it in the"
                            + " cluster with its service account.").await();
        }
    }
}
