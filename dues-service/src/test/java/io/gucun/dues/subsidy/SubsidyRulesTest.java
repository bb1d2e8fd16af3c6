package io.gucun.dues.subsidy;

import io.gucun.events.membership.OrgKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.replica.KnownOrg;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class SubsidyRulesTest {

    static final SubsidyRules.Policy BEIJING = new SubsidyRules.Policy(1, 1, LocalDate.of(2000, 1, 1), 3000, 3000);
    static final SubsidyRules.Policy RAISED = new SubsidyRules.Policy(2, 2, LocalDate.of(2027, 1, 1), 5000, 3000);

    static KnownOrg org(long id, String kind) {
        KnownOrg o = new KnownOrg();
        o.id = id;
        o.kind = OrgKind.valueOf(kind);
        o.path = "x";
        o.name = kind;
        return o;
    }

    @Test
    void theDistrictAndTheTownAboveTheMembersOrgEachPayTheirAmount() {
        var payments = SubsidyRules.payments(List.of(org(1, "NATIONAL"), org(3, "DISTRICT"), org(11, "TOWN"), org(12, "JOINT_AREA")), BEIJING);
        assertThat(payments).containsExactly(new SubsidyRules.Payment("DISTRICT", 3, 3000), new SubsidyRules.Payment("TOWN", 11, 3000));
    }

    @Test
    void aMissingLevelOrAZeroAmountPaysNothing() {
        assertThat(SubsidyRules.payments(List.of(org(1, "NATIONAL"), org(3, "DISTRICT"), org(12, "JOINT_AREA")), BEIJING))
                .containsExactly(new SubsidyRules.Payment("DISTRICT", 3, 3000));
        var noTown = new SubsidyRules.Policy(3, 3, LocalDate.of(2000, 1, 1), 3000, 0);
        assertThat(SubsidyRules.payments(List.of(org(3, "DISTRICT"), org(11, "TOWN")), noTown)).hasSize(1);
        assertThat(SubsidyRules.payments(List.of(org(1, "NATIONAL")), BEIJING)).isEmpty();
    }

    @Test
    void theVersionInForceOnTheJoiningDayApplies() {
        assertThat(SubsidyRules.inForce(List.of(BEIJING, RAISED), LocalDate.of(2026, 11, 24))).contains(BEIJING);
        assertThat(SubsidyRules.inForce(List.of(BEIJING, RAISED), LocalDate.of(2027, 1, 1))).contains(RAISED);
        assertThat(SubsidyRules.inForce(List.of(RAISED), LocalDate.of(2026, 1, 1))).isEmpty();
    }
}
