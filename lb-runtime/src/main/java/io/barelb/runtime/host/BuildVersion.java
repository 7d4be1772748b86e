package io.barelb.runtime.host;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version the build stamped into {@code version.properties}. */
public final class BuildVersion {

    private BuildVersion() {
    }

    /** The BareLB version, e.g. {@code 0.1.0-SNAPSHOT}; {@code unknown} outside a build. */
    public static String version() {
        Properties properties = new Properties();
        try (InputStream in = BuildVersion.class.getResourceAsStream("/io/barelb/runtime/version.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            return "unknown";
        }
        return properties.getProperty("version", "unknown");
    }
}
