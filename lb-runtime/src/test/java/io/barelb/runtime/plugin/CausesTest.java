package io.barelb.runtime.plugin;

import static org.assertj.core.api.Assertions.assertThat;

import io.barelb.api.ErrorCode;
import io.barelb.api.LbException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.util.ServiceConfigurationError;
import org.junit.jupiter.api.Test;

class CausesTest {

    @Test
    void everyLinkOfTheChainIsNamedWithItsClassAndMessage() {
        Throwable failure = new IllegalStateException("cannot read the site table",
                new UncheckedIOException("opening the database", new IOException("permission denied")));

        assertThat(Causes.describe(failure)).isEqualTo("java.lang.IllegalStateException: cannot read the site table"
                + "; caused by: java.io.UncheckedIOException: opening the database"
                + "; caused by: java.io.IOException: permission denied");
    }

    @Test
    void anLbExceptionIsNamedByItsMessageAlone() {
        Throwable failure = new LbException(ErrorCode.PLUGIN_FAILURE, "plugin \"x\" failed",
                new IllegalArgumentException("bad port"));

        assertThat(Causes.describe(failure)).isEqualTo("plugin \"x\" failed; caused by: java.lang.IllegalArgumentException: bad port");
    }

    @Test
    void aWrapperThatRepeatsItsCauseOrHasNoMessageIsLeftOut() {
        IOException root = new IOException("disk full");
        // RuntimeException(cause) takes cause.toString() as its message, which the line then holds already
        Throwable repeating = new RuntimeException(new RuntimeException(root));
        Throwable reflective = new InvocationTargetException(new IllegalStateException("boom"));

        assertThat(Causes.describe(repeating)).isEqualTo("java.lang.RuntimeException: java.lang.RuntimeException:"
                + " java.io.IOException: disk full");
        assertThat(Causes.describe(reflective)).isEqualTo("java.lang.IllegalStateException: boom");
    }

    @Test
    void aServiceLoaderErrorKeepsTheConstructorsChain() {
        Throwable failure = new ServiceConfigurationError("io.barelb.api.plugin.LbPlugin: Provider com.example.P could"
                + " not be instantiated", new IllegalStateException("no licence", new IllegalArgumentException("expired")));

        assertThat(Causes.describe(failure)).isEqualTo("java.util.ServiceConfigurationError: io.barelb.api.plugin.LbPlugin:"
                + " Provider com.example.P could not be instantiated; caused by: java.lang.IllegalStateException: no licence"
                + "; caused by: java.lang.IllegalArgumentException: expired");
    }

    @Test
    void aThrowableWithoutMessageIsNamedByItsClassAndACycleEnds() {
        assertThat(Causes.describe(new NullPointerException())).isEqualTo("java.lang.NullPointerException");

        IllegalStateException first = new IllegalStateException("first");
        IllegalStateException second = new IllegalStateException("second");
        first.initCause(second);
        second.initCause(first);
        assertThat(Causes.describe(first)).isEqualTo("java.lang.IllegalStateException: first"
                + "; caused by: java.lang.IllegalStateException: second");
    }
}
