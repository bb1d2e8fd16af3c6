package io.gucun.membership.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import org.junit.jupiter.api.Test;

class AssessmentRulesTest {

    static final OffsetDateTime AT = OffsetDateTime.parse("2026-12-01T09:00:00+08:00");

    @Test
    void countsAreShownOnlyFromTheMinimumOfRaters() {
        assertThat(AssessmentRules.shown(9, 10)).isFalse();
        assertThat(AssessmentRules.shown(10, 10)).isTrue();
    }

    @Test
    void satisfactionIsSatisfiedAndBasicallySatisfiedOverAllRaters() {
        assertThat(AssessmentRules.satisfactionPercent(5, 2, 1)).isEqualTo(new BigDecimal("87.50"));
        assertThat(AssessmentRules.satisfactionPercent(1, 1, 1)).isEqualTo(new BigDecimal("66.67"));
        assertThat(AssessmentRules.satisfactionPercent(0, 0, 0)).isNull();
    }

    @Test
    void theWindowIsAtMostTwoMonthsInAPlausibleYear() {
        assertThat(AssessmentRules.whyBadWindow(2026, AT, AT.plusDays(14))).isNull();
        assertThat(AssessmentRules.whyBadWindow(1999, AT, AT.plusDays(14)).field()).isEqualTo("year");
        assertThat(AssessmentRules.whyBadWindow(2026, AT, AT).field()).isEqualTo("closesAt");
        assertThat(AssessmentRules.whyBadWindow(2026, AT, AT.plusDays(63)).field()).isEqualTo("closesAt");
        assertThat(AssessmentRules.whyBadWindow(2026, AT.withYear(1), AT.plusDays(1)).field()).isEqualTo("opensAt");
    }

    private static AssessmentRules.Term term(String from, String to) {
        return new AssessmentRules.Term(LocalDate.parse(from), to == null ? null : LocalDate.parse(to));
    }

    @Test
    void aChairElectedMidYearHoldsTheWholeMonthsFromTheNextOn() {
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2026-03-15", null)))).isEqualTo(9);
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2026-03-01", "2031-02-28")))).isEqualTo(10);
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2021-01-01", "2026-01-30")))).isZero();
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2021-01-01", "2026-01-31")))).isEqualTo(1);
        assertThat(AssessmentRules.monthsInPost(2024, List.of(term("2024-02-01", "2024-02-29")))).isEqualTo(1);
        assertThat(AssessmentRules.monthsInPost(2026, List.of())).isZero();
    }

    @Test
    void termsMeetingEndToEndKeepTheMonthAndAGapLosesIt() {
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2021-07-01", "2026-06-14"),
                term("2026-06-15", "2031-06-14")))).isEqualTo(12);
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2021-07-01", "2026-06-13"),
                term("2026-06-15", "2031-06-14")))).isEqualTo(11);
        // A term that ended the day before it would have begun covers nothing.
        assertThat(AssessmentRules.monthsInPost(2026, List.of(term("2026-05-01", "2026-04-30")))).isZero();
    }
}
