package io.barelb.distribution;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;

/**
 * Production classes of every module: no test class folders and no test jars ({@code *-tests.jar}, such as
 * lb-api's test kit), which ArchUnit's own {@code DoNotIncludeTests} does not recognise.
 */
public final class ProductionClassesOnly implements ImportOption {

    private static final ImportOption NO_TEST_FOLDERS = new ImportOption.DoNotIncludeTests();

    @Override
    public boolean includes(Location location) {
        return NO_TEST_FOLDERS.includes(location) && !location.contains("-tests.jar");
    }
}
