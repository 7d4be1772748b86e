package io.barelb.runtime.cli;

/**
 * A picocli command that is not part of the product but joins {@code barelb} when its jar is on the class path
 * (the {@code demo}, shipped in the distribution's {@code demo/} folder). Found with
 * {@link java.util.ServiceLoader}; the implementation is a picocli {@code @Command}.
 */
public interface CommandExtension {
}
