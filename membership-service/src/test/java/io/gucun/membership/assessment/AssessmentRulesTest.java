package io.gucun.membership.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
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
}
