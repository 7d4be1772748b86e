package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

/** The distribution folder the build assembled, which the ITs and labs run: {@code -Dbarelb.distribution}. */
final class AssembledDistribution {

    private AssembledDistribution() {
    }

    /** Its absolute path; {@code target/barelb-dev} when the property is not set (a run from the module folder). */
    static Path home() {
        return Path.of(System.getProperty("barelb.distribution", "target/barelb-dev")).toAbsolutePath();
    }

    /** {@link #home()}, once its launcher is there and executable (fails the test otherwise). */
    static Path checkedHome() {
        Path home = home();
        assertThat(home.resolve("bin/barelb")).as("assembled launcher").isExecutable();
        return home;
    }
}
