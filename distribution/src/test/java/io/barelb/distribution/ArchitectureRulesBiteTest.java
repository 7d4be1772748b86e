package io.barelb.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.lang.ArchRule;
import io.barelb.announcer.archfixture.PluginThatImportsTheRuntime;
import io.barelb.api.archfixture.ApiTypeWithAFrameworkDependency;
import io.barelb.runtime.archfixture.RuntimeThatNamesAPlugin;
import org.junit.jupiter.api.Test;

/** Each rule fails on a class that breaks it: the rules are not vacuous. */
class ArchitectureRulesBiteTest {

    private static boolean violated(ArchRule rule, Class<?>... fixtures) {
        JavaClasses classes = new ClassFileImporter().importClasses(fixtures);
        return rule.evaluate(classes).hasViolation();
    }

    @Test
    void anApiTypeUsingAFrameworkFails() {
        assertThat(violated(ArchitectureRules.API_USES_ONLY_THE_JDK, ApiTypeWithAFrameworkDependency.class)).isTrue();
    }

    @Test
    void aPluginImportingTheRuntimeFails() {
        assertThat(violated(ArchitectureRules.PLUGINS_NEVER_IMPORT_THE_RUNTIME, PluginThatImportsTheRuntime.class)).isTrue();
    }

    @Test
    void theRuntimeNamingAPluginFails() {
        assertThat(violated(ArchitectureRules.RUNTIME_NEVER_IMPORTS_A_PLUGIN, RuntimeThatNamesAPlugin.class)).isTrue();
    }

    @Test
    void aPackageCycleFails() {
        assertThat(violated(ArchitectureRules.NO_PACKAGE_CYCLES,
                RuntimeThatNamesAPlugin.class, PluginThatImportsTheRuntime.class)).isTrue();
    }

    @Test
    void cleanClassesPass() {
        assertThat(violated(ArchitectureRules.API_USES_ONLY_THE_JDK, io.barelb.api.ServiceKey.class)).isFalse();
    }

    @Test
    void aServiceUsingTheCommandLineOrTheMockServerFails() {
        assertThat(violated(ArchitectureRules.RUNTIME_IS_LAYERED,
                io.barelb.runtime.archfixture.model.ModelThatUsesTheCommandLine.class,
                io.barelb.runtime.cli.Main.class)).isTrue();
        assertThat(violated(ArchitectureRules.ONLY_THE_COMMAND_LINE_USES_PICOCLI,
                io.barelb.runtime.archfixture.model.ModelThatUsesTheCommandLine.class)).isTrue();
        assertThat(violated(ArchitectureRules.THE_PRODUCT_NEVER_USES_THE_MOCK_SERVER,
                io.barelb.runtime.archfixture.model.ModelThatUsesTheCommandLine.class)).isTrue();
    }
}
