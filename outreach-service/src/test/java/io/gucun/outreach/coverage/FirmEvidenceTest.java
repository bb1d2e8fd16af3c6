package io.gucun.outreach.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.outreach.coverage.FirmEvidence.Day;
import io.gucun.outreach.coverage.FirmEvidence.Figure;
import io.gucun.outreach.coverage.FirmEvidence.Source;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FirmEvidenceTest {

    private static final LocalDate AS_OF = LocalDate.of(2026, 12, 1);

    @Test
    void employeesAreTheLargestFigureAndSayWhereTheyCameFrom() {
        assertThat(FirmEvidence.employees(30, "2026-09", 12, AS_OF, 8)).isEqualTo(new Figure(30, Source.TAX, "2026-09"));
        assertThat(FirmEvidence.employees(null, null, 41, AS_OF, 8))
                .isEqualTo(new Figure(41, Source.SOCIAL_INSURANCE, "2026-12-01"));
        assertThat(FirmEvidence.employees(20, "2026-09", 12, AS_OF, 120)).isEqualTo(new Figure(120, Source.REGISTER, null));
        assertThat(FirmEvidence.employees(null, null, 0, null, null)).as("no source, no figure").isNull();
    }

    @Test
    void onATieTheDatedPartnerFigureWins() {
        assertThat(FirmEvidence.employees(40, "2026-09", 40, AS_OF, 40).source()).isEqualTo(Source.TAX);
        assertThat(FirmEvidence.employees(null, null, 40, AS_OF, 40).source()).isEqualTo(Source.SOCIAL_INSURANCE);
    }

    @Test
    void ageComesFromTheRegisterElseTheEarliestPartnerTrace() {
        LocalDate registered = LocalDate.of(2015, 3, 1);
        assertThat(FirmEvidence.inBusinessSince(registered, LocalDate.of(2010, 1, 1), "2009-01"))
                .isEqualTo(new Day(registered, Source.REGISTER));
        assertThat(FirmEvidence.inBusinessSince(null, LocalDate.of(2021, 5, 10), "2022-01"))
                .isEqualTo(new Day(LocalDate.of(2021, 5, 10), Source.SOCIAL_INSURANCE));
        assertThat(FirmEvidence.inBusinessSince(null, LocalDate.of(2021, 5, 10), "2020-07"))
                .isEqualTo(new Day(LocalDate.of(2020, 7, 1), Source.TAX));
        assertThat(FirmEvidence.inBusinessSince(null, null, null)).isNull();
    }

    @Test
    void yearsAreWholeYears() {
        Day since = new Day(LocalDate.of(2024, 12, 2), Source.TAX);
        assertThat(FirmEvidence.years(since, AS_OF)).isEqualTo(1);
        assertThat(FirmEvidence.years(since, LocalDate.of(2025, 12, 1))).isZero();
        assertThat(FirmEvidence.years(null, AS_OF)).isZero();
    }
}
