package io.gucun.membership;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gucun.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** {@link ServiceArchitecture}'s rules on this service's main classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.gucun.membership");

    @Test
    void rulesArePlainJava() {
        ServiceArchitecture.rulesArePlainJava().check(CLASSES);
    }

    @Test
    void featuresAreFreeOfCycles() {
        ServiceArchitecture.featuresAreFreeOfCycles().check(CLASSES);
    }

    @Test
    void resourcesLeavePersistenceToServices() {
        ServiceArchitecture.resourcesLeavePersistenceToServices().check(CLASSES);
    }
}
