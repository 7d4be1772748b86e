package io.barelb.runtime.cli.support;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * Turns the failures a user causes or meets (a missing file, an unreachable cluster) into one line that says what
 * was tried and what to do, instead of a stack trace. Anything else is a bug and keeps its stack trace.
 */
public final class UserErrors {

    private UserErrors() {
    }

    /** The line to print for {@code failure}, or empty when it is not an expected condition. */
    public static Optional<String> describe(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof KubernetesClientException kube) {
                return Optional.of(cluster(kube));
            }
        }
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof IOException io && !(t.getCause() instanceof IOException)) {
                return Optional.of(file(io));
            }
            if (t instanceof UncheckedIOException unchecked && unchecked.getCause() != null) {
                return Optional.of(file(unchecked.getCause()));
            }
        }
        return Optional.empty();
    }

    /** A file that could not be read, in words: {@code nope.yaml: no such file}. */
    public static String file(IOException e) {
        if (e instanceof NoSuchFileException missing) {
            return missing.getFile() + ": no such file";
        }
        if (e instanceof AccessDeniedException denied) {
            return denied.getFile() + ": permission denied";
        }
        if (e instanceof CharacterCodingException) {
            return "is not UTF-8 text; save it as UTF-8 (iconv -t UTF-8)";
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + Optional.ofNullable(fs.getReason()).orElse("cannot be read");
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }

    private static String cluster(KubernetesClientException e) {
        String reason = io.barelb.runtime.kube.KubeFailures.reason(e);
        return "the Kubernetes API did not answer (" + reason + "); point BareLB at a cluster with --kubeconfig FILE"
                + " or $KUBECONFIG, check it with kubectl get nodes, or wait longer with --request-timeout SECONDS";
    }
}
