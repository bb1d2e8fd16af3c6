package io.gucun.membership.benefit;

import io.gucun.events.membership.BenefitKind;
import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.events.membership.EmploymentForm;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class BenefitRulesTest {

    static final LocalDate DAY = LocalDate.of(2026, 11, 24);

    @Test
    void validityIsInclusiveAtBothEndsAndOpenEndedWithoutValidTo() {
        assertThat(BenefitRules.whyNotValid(DAY, DAY, DAY)).isNull();
        assertThat(BenefitRules.whyNotValid(DAY.minusDays(10), null, DAY)).isNull();
        assertThat(BenefitRules.whyNotValid(DAY.plusDays(1), null, DAY)).startsWith("benefit is not yet valid");
        assertThat(BenefitRules.whyNotValid(DAY.minusDays(10), DAY.minusDays(1), DAY)).startsWith("benefit has expired");
    }

    @Test
    void universalAndMerchantAreForEveryoneSpecialForTheNamedOrTheQualifyingForms() {
        assertThat(BenefitRules.eligible(BenefitKind.UNIVERSAL, List.of(), List.of(), 5, EmploymentForm.STANDARD)).isTrue();
        assertThat(BenefitRules.eligible(BenefitKind.MERCHANT, List.of(), List.of(), 5, null)).isTrue();
        assertThat(BenefitRules.eligible(BenefitKind.SPECIAL, List.of(5L), List.of(), 5, EmploymentForm.STANDARD)).isTrue();
        assertThat(BenefitRules.eligible(BenefitKind.SPECIAL, List.of(6L), List.of(), 5, EmploymentForm.STANDARD)).isFalse();
        assertThat(BenefitRules.eligible(BenefitKind.SPECIAL, List.of(), List.of(EmploymentForm.PLATFORM_GIG), 5,
                EmploymentForm.PLATFORM_GIG)).isTrue();
        assertThat(BenefitRules.eligible(BenefitKind.SPECIAL, List.of(6L), List.of(EmploymentForm.PLATFORM_GIG), 5,
                EmploymentForm.STANDARD)).isFalse();
        assertThat(BenefitRules.eligible(BenefitKind.SPECIAL, List.of(), List.of(EmploymentForm.RETIRED), 5, null)).isFalse();
    }

    @Test
    void aCappedBenefitStopsAtItsLimitPerMember() {
        assertThat(BenefitRules.limitReached(0, 1)).isFalse();
        assertThat(BenefitRules.limitReached(1, 1)).isTrue();
        assertThat(BenefitRules.limitReached(1, 2)).isFalse();
        assertThat(BenefitRules.limitReached(1_000, null)).isFalse();
    }
}
