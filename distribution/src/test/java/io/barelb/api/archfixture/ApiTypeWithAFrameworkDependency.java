package io.barelb.api.archfixture;

/** Breaks the rule on purpose: an SPI type that uses a framework type. Test fixture only. */
public final class ApiTypeWithAFrameworkDependency {
    public Object inject() {
        return com.tngtech.archunit.core.importer.ClassFileImporter.class;
    }

    public static String describe(org.slf4j.Logger logger) {
        return String.valueOf(logger);
    }
}
