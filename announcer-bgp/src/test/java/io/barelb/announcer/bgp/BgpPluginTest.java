package io.barelb.announcer.bgp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class BgpPluginTest {

    /** Run in a JVM of its own, so that no other test has touched Netty first. */
    public static final class LoadThePlugin {
        public static void main(String[] args) {
            new BgpPlugin().announcerFactories();
            System.out.println(System.getProperty(BgpPlugin.NETTY_JFR) + " "
                    + io.netty.util.internal.PlatformDependent.isJfrEnabled());
        }
    }

    @Test
    void loadingThePluginTurnsNettysJfrEventsOffBeforeAnyNettyClassIsUsed() throws Exception {
        Process jvm = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), LoadThePlugin.class.getName())
                .redirectErrorStream(true).start();
        assertThat(jvm.waitFor(60, TimeUnit.SECONDS)).as("the JVM ended").isTrue();
        String output = new String(jvm.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();

        assertThat(output.lines().reduce((first, last) -> last).orElse(""))
                .as("unless the operator set it, Netty asks JFR nothing (property, Netty's answer): %s", output)
                .isEqualTo("false false");
    }
}
