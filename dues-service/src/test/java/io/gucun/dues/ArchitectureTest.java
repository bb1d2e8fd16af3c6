package io.gucun.dues;

import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.gucun.testsupport.ServiceArchitecture;
import org.junit.jupiter.api.Test;

/** {@link ServiceArchitecture}'s rules on this service's main classes. */
class ArchitectureTest {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.gucun.dues");

    @Test
    void rulesArePlainJava() {
        ServiceArchitecture.rulesArePlainJava().check(CLASSES);
    }

    @Test
    void featuresAreFreeOfCycles() {
        // ledger <-> org: the org replica (KnownOrg, OrgReplicaConsumer) moves into common with issue 19's org-tree
        // work, which removes this cycle; until then only that pair is left out.
        ServiceArchitecture.featuresAreFreeOfCycles()
                .ignoreDependency(resideInAPackage("io.gucun.dues.org.."), resideInAPackage("io.gucun.dues.ledger.."))
                .check(CLASSES);
    }

    @Test
    void resourcesLeavePersistenceToServices() {
        // Known debts: AccountResource reads the org replica (moving into common), SubsidyPolicyResource writes its
        // policy with native SQL; both belong in their services.
        ServiceArchitecture.resourcesLeavePersistenceToServices("AccountResource", "SubsidyPolicyResource").check(CLASSES);
    }
}
