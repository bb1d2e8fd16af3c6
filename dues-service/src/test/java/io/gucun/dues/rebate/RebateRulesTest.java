package io.gucun.dues.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.common.problem.ApiException;
import io.gucun.dues.rebate.RebateRules.CollectionToRebate;
import io.gucun.dues.rebate.RebateRules.PolicyVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RebateRulesTest {

    static final PolicyVersion NATIONAL = new PolicyVersion(1, "national-default", 1, "1", LocalDate.of(2000, 1, 1), 25,
            Map.of(EnterpriseCategory.STANDARD, 6000, EnterpriseCategory.SMALL_FIRM, 10_000, EnterpriseCategory.NO_UNION, 6000));
    static final PolicyVersion GUCUN_V1 = new PolicyVersion(2, "gucun", 1, "1.2.3.11", LocalDate.of(2026, 1, 1), 25,
            Map.of(EnterpriseCategory.STANDARD, 8000, EnterpriseCategory.SMALL_FIRM, 10_000, EnterpriseCategory.NO_UNION, 0));
    static final PolicyVersion GUCUN_V2 = new PolicyVersion(3, "gucun", 2, "1.2.3.11", LocalDate.of(2026, 1, 1), 50,
            Map.of(EnterpriseCategory.STANDARD, 8500, EnterpriseCategory.SMALL_FIRM, 10_000, EnterpriseCategory.NO_UNION, 0));
    static final PolicyVersion GUCUN_LATER = new PolicyVersion(4, "gucun-2027", 1, "1.2.3.11", LocalDate.of(2027, 1, 1), 25,
            Map.of(EnterpriseCategory.STANDARD, 9000, EnterpriseCategory.SMALL_FIRM, 10_000, EnterpriseCategory.NO_UNION, 0));
    static final List<PolicyVersion> ALL = List.of(NATIONAL, GUCUN_V1, GUCUN_V2, GUCUN_LATER);

    @Test
    void theNarrowestScopeThenTheLatestDateThenTheHighestVersionApplies() {
        assertThat(RebateRules.select(ALL, "1.2.3.11.12", LocalDate.of(2026, 10, 1))).contains(GUCUN_V2);
        assertThat(RebateRules.select(List.of(NATIONAL, GUCUN_V1), "1.2.3.11.12", LocalDate.of(2026, 10, 1))).contains(GUCUN_V1);
        assertThat(RebateRules.select(ALL, "1.2.3.11.12", LocalDate.of(2027, 2, 1))).contains(GUCUN_LATER);
        assertThat(RebateRules.select(ALL, "1.2.3.11.12", LocalDate.of(2025, 12, 1))).contains(NATIONAL);
        assertThat(RebateRules.select(ALL, "1.2.3.110", LocalDate.of(2026, 10, 1))).contains(NATIONAL);
        assertThat(RebateRules.select(List.of(GUCUN_V1), "1.9", LocalDate.of(2026, 10, 1))).isEmpty();
    }

    @Test
    void categoriesFollowTheUnionAndTheHeadcount() {
        assertThat(EnterpriseCategory.of(false, 500, 25)).isEqualTo(EnterpriseCategory.NO_UNION);
        assertThat(EnterpriseCategory.of(true, 25, 25)).isEqualTo(EnterpriseCategory.SMALL_FIRM);
        assertThat(EnterpriseCategory.of(true, 26, 25)).isEqualTo(EnterpriseCategory.STANDARD);
        assertThat(EnterpriseCategory.of(true, null, 25)).isEqualTo(EnterpriseCategory.STANDARD);
    }

    @Test
    void anEnterpriseWithAUnionGetsItsShareDownAndTheRemainderStaysUp() {
        var line = RebateRules.split(new CollectionToRebate(7, 70, 600_001, "1.2.3.11.12", 31L, 86), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.STANDARD);
        assertThat(line.grassrootsOrgId()).isEqualTo(31);
        assertThat(line.grassrootsFen()).isEqualTo(360_000); // 60% of 6000.01 = 3600.006 → 3600.00
        assertThat(line.upperFen()).isEqualTo(240_001);
        assertThat(line.preparatoryFen()).isZero();
        assertThat(line.policyName()).isEqualTo("national-default");
        assertThat(line.policyVersion()).isEqualTo(1);
    }

    @Test
    void aSmallFirmGetsAFullRefund() {
        var line = RebateRules.split(new CollectionToRebate(8, 80, 100_000, "1.2.3.11.12", 32L, 10), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.SMALL_FIRM);
        assertThat(line.grassrootsFen()).isEqualTo(100_000);
        assertThat(line.upperFen()).isZero();
    }

    @Test
    void withoutAUnionNothingGoesDownAndTheShareIsHeldInThePreparatoryFund() {
        var line = RebateRules.split(new CollectionToRebate(9, 90, 200_001, "1.5", null, 40), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.NO_UNION);
        assertThat(line.grassrootsOrgId()).isNull();
        assertThat(line.grassrootsFen()).isZero();
        assertThat(line.preparatoryFen()).isEqualTo(120_000);
        assertThat(line.upperFen()).isEqualTo(80_001);
        var gucun = RebateRules.split(new CollectionToRebate(9, 90, 200_001, "1.2.3.11.12", null, 40), GUCUN_V1);
        assertThat(gucun.preparatoryFen()).isZero();
        assertThat(gucun.upperFen()).isEqualTo(200_001);
    }

    @Test
    void sharesArePercentagesWithAtMostTwoDecimals() {
        assertThat(RebateService.basisPoints("p", "80")).isEqualTo(8000);
        assertThat(RebateService.basisPoints("p", "62.5")).isEqualTo(6250);
        assertThat(RebateService.basisPoints("p", "0")).isZero();
        assertThat(RebateService.basisPoints("p", "100.00")).isEqualTo(10_000);
        assertThat(RebateService.percent(6250)).isEqualTo("62.5");
        for (String bad : new String[] {"-1", "100.01", "80.001", "eighty"}) {
            assertThatThrownBy(() -> RebateService.basisPoints("rules[0].grassrootsPercent", bad))
                    .isInstanceOf(ApiException.class)
                    .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("rules[0].grassrootsPercent"));
        }
    }
}
