package io.barelb.distribution;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
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

    /**
     * The runtime in layers: the command line, then the two roles, then the services they share, then the model.
     * A layer uses only the layers below it, so no package pair imports each other.
     */
    static final ArchRule RUNTIME_IS_LAYERED = layeredArchitecture()
            .consideringOnlyDependenciesInAnyPackage("io.barelb.runtime..")
            .layer("cli").definedBy("io.barelb.runtime.cli..")
            .layer("roles").definedBy("io.barelb.runtime.controller..", "io.barelb.runtime.speaker..")
            .layer("services").definedBy("io.barelb.runtime.allocator..", "io.barelb.runtime.config..",
                    "io.barelb.runtime.kube..", "io.barelb.runtime.plugin..", "io.barelb.runtime.host..",
                    "io.barelb.runtime.wiring..")
            .layer("model").definedBy("io.barelb.runtime.model..")
            .whereLayer("cli").mayNotBeAccessedByAnyLayer()
            .whereLayer("roles").mayOnlyBeAccessedByLayers("cli")
            .whereLayer("services").mayOnlyBeAccessedByLayers("cli", "roles")
            .whereLayer("model").mayOnlyBeAccessedByLayers("cli", "roles", "services")
            .because("commands live in cli; the controller and the speaker are free of the command line");

    /** picocli is the command line's business only. */
    static final ArchRule ONLY_THE_COMMAND_LINE_USES_PICOCLI = noClasses()
            .that().resideInAPackage("io.barelb.runtime..").and().resideOutsideOfPackage("io.barelb.runtime.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..")
            .because("the controller and the speaker are built by the injector, not by a command");

    /** The embedded API (fabric8's mock server) is a tool for the demo and the tests, never part of the product. */
    static final ArchRule THE_PRODUCT_NEVER_USES_THE_MOCK_SERVER = noClasses()
            .that().resideInAnyPackage("io.barelb.runtime..", "io.barelb.api..", "io.barelb.ipam..",
                    "io.barelb.announcer..")
            .should().dependOnClassesThat().resideInAnyPackage("io.fabric8.kubernetes.client.server.mock..",
                    "io.fabric8.mockwebserver..", "io.barelb.embedded..", "io.barelb.demo..")
            .because("the demo and its embedded API ship in demo/, outside lib/");
}
