package io.gucun.membership.workforce;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.membership.workforce.StaffingRules.Verdict;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StaffingRulesTest {

    private static final StaffingRules.Policy SHANGHAI = new StaffingRules.Policy(1, null, 2000, 3000, 30, 50,
            LocalDate.of(2016, 1, 1), null);
    private static final StaffingRules.Policy DISTRICT = new StaffingRules.Policy(2, "1.3.4", 1500, 2500, 25, 40,
            LocalDate.of(2027, 1, 1), null);
    private static final StaffingRules.Policy DISTRICT_ENDED = new StaffingRules.Policy(3, "1.3.4", 1000, 1200, 10, 20,
            LocalDate.of(2025, 1, 1), LocalDate.of(2026, 1, 1));

    @Test
    void theDeepestOrgsPolicyInForceWinsAndTheDefaultCoversEveryOrg() {
        List<StaffingRules.Policy> all = List.of(SHANGHAI, DISTRICT, DISTRICT_ENDED);
        assertThat(StaffingRules.policyFor(all, "1.3.4.5", LocalDate.of(2027, 3, 1))).contains(DISTRICT);
        assertThat(StaffingRules.policyFor(all, "1.3.4.5", LocalDate.of(2026, 3, 1))).contains(SHANGHAI);
        assertThat(StaffingRules.policyFor(all, "1.3.4.5", LocalDate.of(2025, 3, 1))).contains(DISTRICT_ENDED);
        assertThat(StaffingRules.policyFor(all, "1.2", LocalDate.of(2027, 3, 1))).contains(SHANGHAI);
        assertThat(StaffingRules.policyFor(all, "1.2", LocalDate.of(2015, 12, 31))).isEmpty();
    }

    @Test
    void aSubtreeIsShortWhenEachSocialWorkerWouldCarryMoreThanTheUpperFigureOfWorkersOrOfEnterprises() {
        // 9,000 workers: 3 at 3,000 each is enough, 2 is not.
        assertThat(StaffingRules.judge(SHANGHAI, 9000, 0, 3)).isEqualTo(new StaffingRules.Staffing(3, 3, 5, Verdict.WITHIN_RANGE));
        assertThat(StaffingRules.judge(SHANGHAI, 9000, 0, 2).verdict()).isEqualTo(Verdict.SHORT);
        assertThat(StaffingRules.judge(SHANGHAI, 9001, 0, 3).verdict()).isEqualTo(Verdict.SHORT);
        // Few workers but 160 enterprises: the enterprise figure asks for 4 (at 50 each).
        StaffingRules.Staffing byEnterprises = StaffingRules.judge(SHANGHAI, 1000, 160, 3);
        assertThat(byEnterprises.verdict()).isEqualTo(Verdict.SHORT);
        assertThat(byEnterprises.required()).isEqualTo(4);
        assertThat(byEnterprises.shortBy()).isEqualTo(1);
        assertThat(byEnterprises.target()).isEqualTo(6);
        // No social worker at all for a handful of workers is short by one.
        assertThat(StaffingRules.judge(SHANGHAI, 40, 2, 0).shortBy()).isEqualTo(1);
    }

    @Test
    void moreSocialWorkersThanTheLowerFiguresAskIsBeyondTheRange() {
        assertThat(StaffingRules.judge(SHANGHAI, 4000, 60, 2).verdict()).isEqualTo(Verdict.WITHIN_RANGE);
        assertThat(StaffingRules.judge(SHANGHAI, 4000, 60, 3).verdict()).isEqualTo(Verdict.BEYOND_RANGE);
        assertThat(StaffingRules.judge(SHANGHAI, 0, 0, 0)).isEqualTo(new StaffingRules.Staffing(0, 0, 0, Verdict.WITHIN_RANGE));
        assertThat(StaffingRules.judge(SHANGHAI, 4000, 60, 3).shortBy()).isZero();
    }
}
