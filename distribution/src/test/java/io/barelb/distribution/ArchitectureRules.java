package io.barelb.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;

/** The arrows of docs/architecture.md, as rules. */
final class ArchitectureRules {

    private ArchitectureRules() {
    }

    /** The SPI depends on the JDK and on itself only: no framework type in any signature or body. */
    static final ArchRule API_USES_ONLY_THE_JDK = classes()
            .that().resideInAPackage("io.barelb.api..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.barelb.api..")
            .because("lb-api is the plugin contract: JDK types only (DESIGN.md, STYLE.md principle 1)");

    /** Plugins reach the runtime only through the SPI. */
    static final ArchRule PLUGINS_NEVER_IMPORT_THE_RUNTIME = noClasses()
            .that().resideInAnyPackage("io.barelb.ipam..", "io.barelb.announcer..")
            .should().dependOnClassesThat().resideInAPackage("io.barelb.runtime..")
            .because("a plugin is loaded in its own class loader that cannot see the runtime");

    /** The runtime finds plugins with ServiceLoader, never by naming them. */
    static final ArchRule RUNTIME_NEVER_IMPORTS_A_PLUGIN = noClasses()
            .that().resideInAPackage("io.barelb.runtime..")
            .should().dependOnClassesThat().resideInAnyPackage("io.barelb.ipam..", "io.barelb.announcer..")
            .because("built-in plugins reach the runtime exactly as a third party's would");

    /** Plugins do not know each other either. */
    static final ArchRule PLUGINS_ARE_INDEPENDENT = slices()
            .matching("io.barelb.(ipam|announcer).(*)..")
            .should().notDependOnEachOther()
            .because("each plugin is its own jar in its own class loader");

    /** No package cycles anywhere. */
    static final ArchRule NO_PACKAGE_CYCLES = slices()
            .matching("io.barelb.(**)")
            .should().beFreeOfCycles();
}
