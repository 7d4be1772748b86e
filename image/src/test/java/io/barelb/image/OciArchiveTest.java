package io.barelb.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OciArchiveTest {

    @TempDir
    Path root;

    @Test
    void anUpperLayerDeletesWithWhiteoutsAndEmptiesWithAnOpaqueMarker() throws IOException {
        OciArchive.unpackLayer(layer(tar -> {
            file(tar, "etc/keep", "kept");
            file(tar, "etc/gone", "deleted above");
            file(tar, "cache/old", "hidden by the opaque marker");
            link(tar, "bin", "usr/bin");
            file(tar, "usr/bin/sh", "shell");
        }), root);
        OciArchive.unpackLayer(layer(tar -> {
            file(tar, "etc/.wh.gone", "");
            file(tar, "cache/.wh..wh..opq", "");
            file(tar, "cache/new", "new");
            file(tar, "bin/dirname", "through the link");
        }), root);

        assertThat(root.resolve("etc/keep")).hasContent("kept");
        assertThat(root.resolve("etc/gone")).doesNotExist();
        assertThat(root.resolve("etc/.wh.gone")).doesNotExist();
        assertThat(root.resolve("cache/old")).doesNotExist();
        assertThat(root.resolve("cache/new")).hasContent("new");
        assertThat(Files.isSymbolicLink(root.resolve("bin"))).isTrue();
        assertThat(root.resolve("usr/bin/dirname")).hasContent("through the link");
    }

    @Test
    void anEntryThatLeadsOutOfTheRootIsRefused() throws IOException {
        ByteArrayInputStream escaping = layer(tar -> {
            link(tar, "host", "/");
            file(tar, "host/etc/evil", "outside");
        });
        assertThatThrownBy(() -> OciArchive.unpackLayer(escaping, root)).isInstanceOf(IOException.class)
                .hasMessageContaining("host/etc/evil").hasMessageContaining("outside the root");
        Files.delete(root.resolve("host"));
    }

    private interface Entries {
        void write(TarArchiveOutputStream tar) throws IOException;
    }

    private static ByteArrayInputStream layer(Entries entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            entries.write(tar);
        }
        return new ByteArrayInputStream(bytes.toByteArray());
    }

    private static void file(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] data = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(data.length);
        entry.setMode(0100644);
        tar.putArchiveEntry(entry);
        tar.write(data);
        tar.closeArchiveEntry();
    }

    private static void link(TarArchiveOutputStream tar, String name, String target) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name, TarConstants.LF_SYMLINK);
        entry.setLinkName(target);
        tar.putArchiveEntry(entry);
        tar.closeArchiveEntry();
    }
}
