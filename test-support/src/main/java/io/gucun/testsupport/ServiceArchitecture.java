package io.gucun.testsupport;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaCall;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceRule;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.EntityManager;
import java.util.Set;

/**
 * The architecture rules every service keeps (docs/design.md: resources are thin, rules live in plain classes, package
 * by feature). A service's {@code ArchitectureTest} checks its own classes against them.
 */
public final class ServiceArchitecture {

    /** What a Panache entity does to the database, statically ({@code Member.find(...)}) or on itself. */
    private static final Set<String> PANACHE_OPERATIONS = Set.of("find", "findById", "findByIdOptional", "findAll", "list",
            "listAll", "stream", "streamAll", "count", "delete", "deleteAll", "deleteById", "update", "persist",
            "persistAndFlush", "flush", "getEntityManager", "isPersistent");

    private ServiceArchitecture() {
    }

    /** {@code *Rules} classes are plain Java: unit-tested without Quarkus, so no persistence and no CDI. */
    public static ArchRule rulesArePlainJava() {
        return noClasses().that().haveSimpleNameEndingWith("Rules")
                .should().dependOnClassesThat().resideInAnyPackage("jakarta.persistence..", "io.quarkus.hibernate..",
                        "org.hibernate..", "jakarta.enterprise..", "jakarta.inject..", "io.quarkus.arc..",
                        "jakarta.transaction..")
                .as("*Rules classes are free of persistence and CDI");
    }

    /** The features of a service ({@code io.gucun.<service>.<feature>}) depend on each other one way only. */
    public static SliceRule featuresAreFreeOfCycles() {
        return slices().matching("io.gucun.(*).(*)..").namingSlices("$1.$2").should().beFreeOfCycles();
    }

    /**
     * A resource reaches the database through a service, never by an entity's Panache calls or an EntityManager.
     * {@code notYet}: simple names of resources that still do, each a known debt named in the service's test.
     */
    public static ArchRule resourcesLeavePersistenceToServices(String... notYet) {
        return noClasses().that().haveSimpleNameEndingWith("Resource")
                .and(DescribedPredicate.not(simpleNameIn(notYet)))
                .should().dependOnClassesThat().areAssignableTo(EntityManager.class)
                .orShould().callMethodWhere(panacheOperation())
                .as("resources do not touch entities' persistence directly");
    }

    private static DescribedPredicate<JavaClass> simpleNameIn(String... names) {
        Set<String> set = Set.of(names);
        return DescribedPredicate.describe("named " + set, c -> set.contains(c.getSimpleName()));
    }

    private static DescribedPredicate<JavaCall<?>> panacheOperation() {
        return DescribedPredicate.describe("a Panache operation of an entity", call -> {
            JavaClass owner = call.getTargetOwner();
            return owner.isAssignableTo(PanacheEntityBase.class) && PANACHE_OPERATIONS.contains(call.getName());
        });
    }
}
