package io.barelb.distribution;

import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** Runs the architecture rules over the production classes of every module. */
@AnalyzeClasses(packages = "io.barelb", importOptions = ProductionClassesOnly.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule apiUsesOnlyTheJdk = ArchitectureRules.API_USES_ONLY_THE_JDK;

    @ArchTest
    static final ArchRule pluginsNeverImportTheRuntime = ArchitectureRules.PLUGINS_NEVER_IMPORT_THE_RUNTIME;

    @ArchTest
    static final ArchRule runtimeNeverImportsAPlugin = ArchitectureRules.RUNTIME_NEVER_IMPORTS_A_PLUGIN;

    @ArchTest
    static final ArchRule pluginsAreIndependent = ArchitectureRules.PLUGINS_ARE_INDEPENDENT;

    @ArchTest
    static final ArchRule noPackageCycles = ArchitectureRules.NO_PACKAGE_CYCLES;

    @ArchTest
    static final ArchRule runtimeIsLayered = ArchitectureRules.RUNTIME_IS_LAYERED;

    @ArchTest
    static final ArchRule onlyTheCommandLineUsesPicocli = ArchitectureRules.ONLY_THE_COMMAND_LINE_USES_PICOCLI;

    @ArchTest
    static final ArchRule theProductNeverUsesTheMockServer = ArchitectureRules.THE_PRODUCT_NEVER_USES_THE_MOCK_SERVER;
}
