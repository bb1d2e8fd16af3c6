package io.gucun.rights.rightscase;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.OrgKind;
import io.gucun.rights.rightscase.CoordinatorRule.OrgOnPath;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 上代下: the town/street federation above the reporting union coordinates, else the nearest open upper org. */
class CoordinatorRuleTest {

    private static final OrgOnPath NATIONAL = new OrgOnPath(1, OrgKind.NATIONAL, false);
    private static final OrgOnPath DISTRICT = new OrgOnPath(4, OrgKind.DISTRICT, false);
    private static final OrgOnPath TOWN = new OrgOnPath(5, OrgKind.TOWN, false);
    private static final OrgOnPath PARK = new OrgOnPath(6, OrgKind.JOINT_AREA, false);
    private static final OrgOnPath ENTERPRISE = new OrgOnPath(7, OrgKind.ENTERPRISE, false);

    @Test
    void anEnterpriseUnionsCaseGoesToTheTownAboveItsJointUnion() {
        assertThat(CoordinatorRule.coordinatorFor(ENTERPRISE, List.of(PARK, TOWN, DISTRICT, NATIONAL))).isEqualTo(5);
    }

    @Test
    void aTownReportsToItself() {
        assertThat(CoordinatorRule.coordinatorFor(TOWN, List.of(DISTRICT, NATIONAL))).isEqualTo(5);
    }

    @Test
    void aStreetFederationIsKindTownAsMembershipNamesIt() {
        OrgOnPath street = new OrgOnPath(9, OrgKind.TOWN, false);
        assertThat(CoordinatorRule.coordinatorFor(PARK, List.of(street, DISTRICT))).isEqualTo(9);
        assertThat(CoordinatorRule.isTown(new OrgOnPath(10, OrgKind.JOINT_AREA, false))).isFalse();
    }

    @Test
    void withoutATownTheParentCoordinates() {
        assertThat(CoordinatorRule.coordinatorFor(PARK, List.of(DISTRICT, NATIONAL))).isEqualTo(4);
    }

    @Test
    void closedOrgsAreSkipped() {
        OrgOnPath closedTown = new OrgOnPath(5, OrgKind.TOWN, true);
        OrgOnPath closedPark = new OrgOnPath(6, OrgKind.JOINT_AREA, true);
        assertThat(CoordinatorRule.coordinatorFor(ENTERPRISE, List.of(closedPark, closedTown, DISTRICT))).isEqualTo(4);
    }

    @Test
    void theRootCoordinatesItsOwnCases() {
        assertThat(CoordinatorRule.coordinatorFor(NATIONAL, List.of())).isEqualTo(1);
    }
}
