package io.barelb.runtime.cli.support;

import io.fabric8.kubernetes.client.KubernetesClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

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
            return "not UTF-8 text (" + e.getClass().getSimpleName() + ")";
        }
        if (e instanceof FileSystemException fs && fs.getFile() != null) {
            return fs.getFile() + ": " + Optional.ofNullable(fs.getReason()).orElse("cannot be read");
        }
        return Optional.ofNullable(e.getMessage()).orElse(e.getClass().getSimpleName());
    }

    private static String cluster(KubernetesClientException e) {
        String reason = rootReason(e);
        return "the Kubernetes API did not answer (" + reason + "); point BareLB at a cluster with --kubeconfig FILE"
                + " or $KUBECONFIG, check it with kubectl get nodes, or wait longer with --request-timeout SECONDS";
    }

    private static String rootReason(Throwable e) {
        Throwable deepest = e;
        for (Throwable t = e; t != null; t = t.getCause()) {
            deepest = t;
            if (t instanceof ConnectException || t instanceof UnknownHostException || t instanceof HttpTimeoutException
                    || t instanceof TimeoutException) {
                break;
            }
        }
        String message = Optional.ofNullable(deepest.getMessage()).filter(m -> !m.isBlank())
                .orElse(deepest.getClass().getSimpleName());
        if (deepest instanceof ConnectException) {
            message = "connection refused";
        } else if (deepest instanceof UnknownHostException) {
            message = "unknown host " + message;
        } else if (deepest instanceof HttpTimeoutException || deepest instanceof TimeoutException) {
            message = "timed out";
        }
        String url = Optional.ofNullable(e.getMessage()).filter(m -> m.contains("http")).map(UserErrors::firstUrl)
                .orElse(io.barelb.runtime.kube.KubeClients.lastUrl());
        return url.isEmpty() ? message : message + " at " + url;
    }

    private static String firstUrl(String text) {
        int start = text.indexOf("http");
        int end = start;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end)) && text.charAt(end) != '\'') {
            end++;
        }
        return text.substring(start, end);
    }
}
