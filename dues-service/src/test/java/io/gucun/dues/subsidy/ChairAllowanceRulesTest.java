package io.gucun.dues.subsidy;

import static org.assertj.core.api.Assertions.assertThat;

import io.gucun.dues.subsidy.ChairAllowanceRules.Decision;
import io.gucun.dues.subsidy.ChairAllowanceRules.Result;
import io.gucun.dues.subsidy.ChairAllowanceRules.Scale;
import io.gucun.events.membership.OrgKind;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ChairAllowanceRulesTest {

    /** The default: the year in full from 80% satisfied, half from 60%, nothing below. */
    static final Scale DEFAULT = new Scale(new BigDecimal("80.00"), new BigDecimal("60.00"), 50);

    private static Decision decide(String percent) {
        return ChairAllowanceRules.decide(OrgKind.JOINT_INDUSTRY, true, 12, true, new BigDecimal(percent), DEFAULT);
    }

    @Test
    void theSatisfactionOfTheMembersDecidesHowMuchOfTheYearIsPaid() {
        assertThat(decide("100.00")).isEqualTo(new Decision(Result.FULL, 100));
        assertThat(decide("80.00")).as("the threshold itself pays in full").isEqualTo(new Decision(Result.FULL, 100));
        assertThat(decide("79.99")).isEqualTo(new Decision(Result.REDUCED, 50));
        assertThat(decide("60.00")).isEqualTo(new Decision(Result.REDUCED, 50));
        assertThat(decide("59.99")).isEqualTo(new Decision(Result.NONE, 0));
        assertThat(decide("0.00").pays()).isFalse();
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, true, 12, true, new BigDecimal("70"),
                new Scale(new BigDecimal("80"), new BigDecimal("60"), 0))).as("a scale without a reduced share")
                .isEqualTo(new Decision(Result.NONE, 0));
    }

    @Test
    void withoutAResultOrAPartTimeChairOfAnEnterpriseOrJointUnionNothingIsPaid() {
        BigDecimal high = new BigDecimal("95.00");
        assertThat(ChairAllowanceRules.decide(OrgKind.JOINT_AREA, true, 12, false, null, DEFAULT).result())
                .as("too few raters").isEqualTo(Result.NO_RESULT);
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, false, 12, true, high, DEFAULT).result())
                .as("a full-time chair").isEqualTo(Result.NOT_PART_TIME);
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, null, 12, true, high, DEFAULT).result())
                .as("an event from before membership said").isEqualTo(Result.NOT_PART_TIME);
        assertThat(ChairAllowanceRules.decide(OrgKind.TOWN, true, 12, true, high, DEFAULT).result())
                .as("a federation's chair").isEqualTo(Result.NOT_COVERED);
        assertThat(ChairAllowanceRules.decide(null, true, 12, true, high, DEFAULT).result()).isEqualTo(Result.NOT_COVERED);
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, true, 12, true, high, null).result()).isEqualTo(Result.NO_POLICY);
    }

    @Test
    void theYearIsTwelveMonthsTimesTheShareToTheFen() {
        assertThat(ChairAllowanceRules.yearFen(30_000, 12, 100)).isEqualTo(360_000);
        assertThat(ChairAllowanceRules.yearFen(30_000, 12, 50)).isEqualTo(180_000);
        assertThat(ChairAllowanceRules.yearFen(333, 12, 33)).as("1318.68 fen, half up").isEqualTo(1_319);
        assertThat(ChairAllowanceRules.yearFen(30_000, 12, 0)).isZero();
    }

    @Test
    void aChairInPostPartOfTheYearGetsTheShareOfTheWholeMonthsServed() {
        assertThat(ChairAllowanceRules.yearFen(30_000, 9, 100)).as("elected in March: April to December")
                .isEqualTo(270_000);
        assertThat(ChairAllowanceRules.yearFen(30_000, 9, 50)).isEqualTo(135_000);
        assertThat(ChairAllowanceRules.yearFen(30_001, 7, 50)).as("105,003.5 fen, half up").isEqualTo(105_004);
        assertThat(ChairAllowanceRules.yearFen(30_001, 7, 33)).as("69,302.31 fen").isEqualTo(69_302);
        assertThat(ChairAllowanceRules.monthsInPost(null)).as("an event from before membership said").isEqualTo(12);
        assertThat(ChairAllowanceRules.monthsInPost(0)).isZero();
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, true, 0, true, new BigDecimal("95"), DEFAULT))
                .isEqualTo(new Decision(Result.NOT_IN_POST, 0));
        assertThat(ChairAllowanceRules.decide(OrgKind.ENTERPRISE, true, 1, true, new BigDecimal("95"), DEFAULT))
                .isEqualTo(new Decision(Result.FULL, 100));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> ChairAllowanceRules.monthsInPost(13))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNewScaleIsCheckedFieldByField() {
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80"), new BigDecimal("60"), 50)).isNull();
        assertThat(ChairAllowanceRules.whyBadScale(null, new BigDecimal("60"), 50).field()).isEqualTo("fullFromPercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("100.5"), new BigDecimal("60"), 50).field())
                .isEqualTo("fullFromPercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80.001"), new BigDecimal("60"), 50).field())
                .isEqualTo("fullFromPercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80"), new BigDecimal("85"), 50).field())
                .isEqualTo("reducedFromPercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80"), new BigDecimal("-1"), 50).field())
                .isEqualTo("reducedFromPercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80"), new BigDecimal("60"), null).field())
                .isEqualTo("reducedSharePercent");
        assertThat(ChairAllowanceRules.whyBadScale(new BigDecimal("80"), new BigDecimal("60"), 101).field())
                .isEqualTo("reducedSharePercent");
    }
}
