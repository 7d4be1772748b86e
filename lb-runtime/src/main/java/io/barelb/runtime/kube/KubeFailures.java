package io.barelb.runtime.kube;

import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.util.Optional;
import java.util.concurrent.TimeoutException;

/** A failed Kubernetes API call in words: what went wrong and at which URL ({@code connection refused at https://...}). */
public final class KubeFailures {

    private KubeFailures() {
    }

    /** The deepest useful cause of {@code e} (refused, unknown host, timed out, or its message) and the URL tried. */
    public static String reason(Throwable e) {
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
        String url = Optional.ofNullable(e.getMessage()).filter(m -> m.contains("http")).map(KubeFailures::firstUrl)
                .orElse(KubeClients.lastUrl());
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
