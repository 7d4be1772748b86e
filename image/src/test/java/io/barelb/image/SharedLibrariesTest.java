package io.barelb.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SharedLibrariesTest {

    private static final String LIBNET = """
            \tlinux-vdso.so.1 (0x00007ffd2a5f2000)
            \tlibjvm.so => not found
            \tlibjava.so => /tmp/root/opt/java/openjdk/lib/libjava.so (0x00007f0b1c2e1000)
            \tlibc.so.6 => /lib/x86_64-linux-gnu/libc.so.6 (0x00007f0b1c100000)
            \t/lib64/ld-linux-x86-64.so.2 (0x00007f0b1c330000)
            """;

    @Test
    void resolvedLibrariesAndTheLoaderAreKeptTheVdsoIsNot() {
        assertThat(SharedLibraries.parse(Path.of("libnet.so"), LIBNET, Set.of("libjvm.so"))).containsExactly(
                Path.of("/tmp/root/opt/java/openjdk/lib/libjava.so"), Path.of("/lib/x86_64-linux-gnu/libc.so.6"),
                Path.of("/lib64/ld-linux-x86-64.so.2"));
    }

    @Test
    void aStaticBinaryLinksNothing() {
        assertThat(SharedLibraries.parse(Path.of("/usr/bin/busybox"), "\tnot a dynamic executable\n", Set.of())).isEmpty();
    }

    @Test
    void aLibraryThisMachineLacksFailsTheBuildWithTheFix() {
        assertThatThrownBy(() -> SharedLibraries.parse(Path.of("libnet.so"), LIBNET, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("libnet.so links libjvm.so, which this machine does not have: install the package that "
                        + "provides it, or leave libnet.so out");
    }
}
