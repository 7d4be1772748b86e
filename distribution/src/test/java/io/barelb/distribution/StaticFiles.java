package io.barelb.distribution;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** Files of a speaker's static folder ({@code barelb speaker --static}), as the labs write them. */
final class StaticFiles {

    private StaticFiles() {
    }

    /** Writes beside the folder's *.yaml pattern and renames, so the speaker never reads half a file. */
    static void writeAtomically(Path file, String text) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
