package io.gucun.dues.subsidy;

import io.gucun.events.membership.OrgKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.common.replica.KnownOrg;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
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

    @Test
    void theNarrowestRegionOfTheProgrammeWinsThenTheLatestStart() {
        var city = new SubsidyRules.Policy(5, 5, Programme.UNION_STARTUP, "1.2", LocalDate.of(2020, 1, 1), 200000, 0, 0);
        var district = new SubsidyRules.Policy(6, 6, Programme.UNION_STARTUP, "1.2.3", LocalDate.of(2019, 1, 1), 100000, 0, 0);
        List<SubsidyRules.Policy> all = List.of(BEIJING, city, district);
        assertThat(SubsidyRules.inForce(all, Programme.UNION_STARTUP, "1.2.3.4", LocalDate.of(2026, 1, 1))).contains(district);
        assertThat(SubsidyRules.inForce(all, Programme.UNION_STARTUP, "1.2.30", LocalDate.of(2026, 1, 1))).contains(city);
        assertThat(SubsidyRules.inForce(all, Programme.UNION_STARTUP, "1.9", LocalDate.of(2026, 1, 1))).isEmpty();
        assertThat(SubsidyRules.inForce(all, Programme.RECRUITMENT_SUBSIDY, "1.9", LocalDate.of(2026, 1, 1))).contains(BEIJING);
    }

    @Test
    void aShareIsPaidOnlyWhenItsFundCoversItAndNothingOwedIsQueuedBeforeIt() {
        var fund = Optional.of(new SubsidyRules.Fund(1, Programme.RECRUITMENT_SUBSIDY, 3, "1.3", 3000));
        assertThat(SubsidyRules.decide(fund, false, 3000)).isEqualTo(SubsidyRules.Decision.PAY);
        assertThat(SubsidyRules.decide(fund, false, 3001)).isEqualTo(SubsidyRules.Decision.OWE);
        assertThat(SubsidyRules.decide(fund, true, 100)).isEqualTo(SubsidyRules.Decision.OWE);
        assertThat(SubsidyRules.decide(Optional.empty(), false, 1)).isEqualTo(SubsidyRules.Decision.OWE);
    }

    @Test
    void aTopUpPaysOwedSharesOldestFirstAndStopsAtTheFirstItCannotCover() {
        assertThat(SubsidyRules.payableInOrder(9000, List.of(3000L, 3000L, 3000L, 3000L))).isEqualTo(3);
        assertThat(SubsidyRules.payableInOrder(5000, List.of(3000L, 4000L, 1000L))).as("no overtaking").isEqualTo(1);
        assertThat(SubsidyRules.payableInOrder(0, List.of(1L))).isZero();
        assertThat(SubsidyRules.payableInOrder(100, List.of())).isZero();
    }

    @Test
    void thePayersFundIsTheNarrowestHoldingTheRecipient() {
        var wide = new SubsidyRules.Fund(1, Programme.RECRUITMENT_SUBSIDY, 3, "1.3", 0);
        var narrow = new SubsidyRules.Fund(2, Programme.RECRUITMENT_SUBSIDY, 3, "1.3.11", 0);
        var otherPayer = new SubsidyRules.Fund(3, Programme.RECRUITMENT_SUBSIDY, 4, "1.3.11", 0);
        List<SubsidyRules.Fund> funds = List.of(wide, narrow, otherPayer);
        assertThat(SubsidyRules.fundFor(funds, Programme.RECRUITMENT_SUBSIDY, 3, "1.3.11.12")).contains(narrow);
        assertThat(SubsidyRules.fundFor(funds, Programme.RECRUITMENT_SUBSIDY, 3, "1.3.110")).contains(wide);
        assertThat(SubsidyRules.fundFor(funds, Programme.UNION_STARTUP, 3, "1.3.11")).isEmpty();
    }
}
