package io.gucun.membership.member;

import io.gucun.events.membership.EmploymentForm;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LapseRulesTest {

    private static final LapseRules.Policy DISTRICT = new LapseRules.Policy(1, "1.2.3", 24, LocalDate.of(2020, 1, 1), null);
    private static final LapseRules.Policy TOWN = new LapseRules.Policy(2, "1.2.3.4", 6, LocalDate.of(2026, 1, 1), null);
    private static final LapseRules.Policy TOWN_LATER = new LapseRules.Policy(3, "1.2.3.4", 9, LocalDate.of(2027, 1, 1), null);
    private static final LapseRules.Policy TOWN_ENDED = new LapseRules.Policy(4, "1.2.3.4", 3, LocalDate.of(2025, 1, 1),
            LocalDate.of(2026, 1, 1));

    @Test
    void theDeepestOrgsPolicyInForceWins() {
        List<LapseRules.Policy> all = List.of(DISTRICT, TOWN, TOWN_LATER, TOWN_ENDED);
        assertThat(LapseRules.policyFor(all, "1.2.3.4.40", LocalDate.of(2026, 6, 1))).contains(TOWN);
        assertThat(LapseRules.policyFor(all, "1.2.3.4", LocalDate.of(2026, 6, 1))).contains(TOWN);
        assertThat(LapseRules.policyFor(all, "1.2.3.4.40", LocalDate.of(2027, 1, 1))).contains(TOWN_LATER);
        assertThat(LapseRules.policyFor(all, "1.2.3.4.40", LocalDate.of(2025, 6, 1))).contains(TOWN_ENDED);
        // A sibling town of the district only has the district's policy; an org outside the district none.
        assertThat(LapseRules.policyFor(all, "1.2.3.9", LocalDate.of(2026, 6, 1))).contains(DISTRICT);
        assertThat(LapseRules.policyFor(all, "1.2.33", LocalDate.of(2026, 6, 1))).isEmpty();
        assertThat(LapseRules.policyFor(all, "1.2.3.4", LocalDate.of(2019, 12, 31))).isEmpty();
    }

    @Test
    void aMembershipLapsesOnTheDayThePolicysMonthsRunOut() {
        Optional<LapseRules.Policy> six = Optional.of(TOWN);
        LocalDate last = LocalDate.of(2026, 3, 31);
        assertThat(LapseRules.lapsesOn(last, 6)).isEqualTo(LocalDate.of(2026, 9, 30));
        assertThat(LapseRules.judge(six, last, EmploymentForm.STANDARD, LocalDate.of(2026, 9, 29))).isEqualTo(LapseRules.Outcome.ACTIVE);
        assertThat(LapseRules.judge(six, last, EmploymentForm.STANDARD, LocalDate.of(2026, 9, 30))).isEqualTo(LapseRules.Outcome.LAPSES);
        assertThat(LapseRules.judge(six, last, EmploymentForm.PLATFORM_GIG, LocalDate.of(2027, 1, 1))).isEqualTo(LapseRules.Outcome.LAPSES);
    }

    @Test
    void retireesAndTheUnemployedKeepTheirMembership() {
        Optional<LapseRules.Policy> six = Optional.of(TOWN);
        LocalDate last = LocalDate.of(2020, 1, 1);
        LocalDate day = LocalDate.of(2026, 11, 24);
        assertThat(LapseRules.judge(six, last, EmploymentForm.RETIRED, day)).isEqualTo(LapseRules.Outcome.RETAINED);
        assertThat(LapseRules.judge(six, last, EmploymentForm.UNEMPLOYED, day)).isEqualTo(LapseRules.Outcome.RETAINED);
        assertThat(LapseRules.judge(six, last, EmploymentForm.DISPATCHED, day)).isEqualTo(LapseRules.Outcome.LAPSES);
    }

    @Test
    void withoutAPolicyOrAnActivityDateNobodyLapses() {
        assertThat(LapseRules.judge(Optional.empty(), LocalDate.of(2000, 1, 1), EmploymentForm.STANDARD, LocalDate.of(2026, 1, 1)))
                .isEqualTo(LapseRules.Outcome.NO_POLICY);
        assertThat(LapseRules.judge(Optional.of(TOWN), null, EmploymentForm.STANDARD, LocalDate.of(2026, 1, 1)))
                .isEqualTo(LapseRules.Outcome.ACTIVE);
    }
}
