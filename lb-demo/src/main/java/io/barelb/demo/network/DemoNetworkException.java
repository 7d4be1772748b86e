package io.barelb.demo.network;

/** An expected failure of the network demo (no root, a missing command, a step that did not happen): one line for the user. */
public final class DemoNetworkException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** With the line the user sees. */
    public DemoNetworkException(String message) {
        super(message, null, false, false);
    }
}
