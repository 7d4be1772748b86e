package io.barelb.runtime.cli;

import io.barelb.runtime.host.BuildVersion;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the version the build stamped, and the Java that runs it. */
final class VersionProvider implements IVersionProvider {

    /** The BareLB version, e.g. {@code 0.1.0-SNAPSHOT}. */
    static String version() {
        return BuildVersion.version();
    }

    @Override
    public String[] getVersion() {
        return new String[] {"barelb " + version(), "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
