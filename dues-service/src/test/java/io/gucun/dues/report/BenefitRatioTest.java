package io.gucun.dues.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BenefitRatioTest {

    @Test
    void spendingIsComparedWithDuesAgainstTheTarget() {
        assertThat(BenefitRatio.of(18_000, 10_000).percent().toPlainString()).isEqualTo("180.0");
        assertThat(BenefitRatio.of(18_000, 10_000).status()).isEqualTo(BenefitRatio.Status.WITHIN_TARGET);
        assertThat(BenefitRatio.of(15_000, 10_000).status()).isEqualTo(BenefitRatio.Status.WITHIN_TARGET);
        assertThat(BenefitRatio.of(20_000, 10_000).status()).isEqualTo(BenefitRatio.Status.WITHIN_TARGET);
        assertThat(BenefitRatio.of(14_999, 10_000).status()).isEqualTo(BenefitRatio.Status.BELOW_TARGET);
        assertThat(BenefitRatio.of(14_999, 10_000).percent().toPlainString()).isEqualTo("150.0");
        assertThat(BenefitRatio.of(20_001, 10_000).status()).isEqualTo(BenefitRatio.Status.ABOVE_TARGET);
        assertThat(BenefitRatio.of(1, 3).percent().toPlainString()).isEqualTo("33.3");
    }

    @Test
    void withoutDuesThereIsNoRatio() {
        BenefitRatio r = BenefitRatio.of(5_000, 0);
        assertThat(r.percent()).isNull();
        assertThat(r.status()).isEqualTo(BenefitRatio.Status.NO_DUES);
    }
}
