package io.gucun.testsupport;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.dependencies.SliceRule;
import org.junit.jupiter.api.Test;

/**
 * {@link ServiceArchitecture}'s rules on one service's main classes: a service's {@code ArchitectureTest} extends it,
 * naming its root package and any known debt.
 */
public abstract class ServiceArchitectureTest {

    private final JavaClasses classes;

    protected ServiceArchitectureTest(String rootPackage) {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Simple names of resources that still touch persistence, each a known debt the service's test names. */
    protected String[] resourcesNotYetThin() {
        return new String[0];
    }

    /** The cycle rule, for a service to leave out a known pair. */
    protected SliceRule featureCycles(SliceRule rule) {
        return rule;
    }

    @Test
    void rulesArePlainJava() {
        ServiceArchitecture.rulesArePlainJava().check(classes);
    }

    @Test
    void featuresAreFreeOfCycles() {
        featureCycles(ServiceArchitecture.featuresAreFreeOfCycles()).check(classes);
    }

    @Test
    void resourcesLeavePersistenceToServices() {
        ServiceArchitecture.resourcesLeavePersistenceToServices(resourcesNotYetThin()).check(classes);
    }
}
