package io.barelb.api;

/** The job of the process a plugin runs in. */
public enum Role {
    /** Assigns addresses (one active replica). */
    CONTROLLER,
    /** Announces addresses (one per node). */
    SPEAKER,
    /** A short-lived command such as {@code validate} or {@code plan}: nothing is announced. */
    TOOL
}
