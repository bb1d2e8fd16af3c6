package io.gucun.dues.rebate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import io.gucun.common.problem.ApiException;
import io.gucun.dues.rebate.RebateRules.CollectionToRebate;
import io.gucun.dues.rebate.RebateRules.PolicyVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import io.gucun.events.membership.OrgKind;
import org.junit.jupiter.api.Test;

class RebateRulesTest {

    static final Map<ShareLevel, Integer> UPPER_20 = Map.of(ShareLevel.TOWN, 500, ShareLevel.DISTRICT, 400, ShareLevel.CITY, 300,
            ShareLevel.PROVINCE, 300, ShareLevel.NATIONAL, 500);

    static PolicyVersion policy(long id, String name, int version, String scope, LocalDate from, int small, int standardBp) {
        Map<ShareLevel, Integer> upper = Map.of(ShareLevel.TOWN, 10_000 - standardBp);
        return new PolicyVersion(id, name, version, scope, from, small, 8000, 12, Map.of(
                EnterpriseCategory.STANDARD, new RebateRules.CategoryRule(standardBp, upper),
                EnterpriseCategory.SMALL_FIRM, RebateRules.CategoryRule.fullRefund(),
                EnterpriseCategory.NO_UNION, new RebateRules.CategoryRule(standardBp, upper)));
    }

    static final PolicyVersion NATIONAL = new PolicyVersion(1, "national-default", 1, "1", LocalDate.of(2000, 1, 1), 25, 8000, 12,
            Map.of(EnterpriseCategory.STANDARD, new RebateRules.CategoryRule(8000, UPPER_20),
                    EnterpriseCategory.SMALL_FIRM, RebateRules.CategoryRule.fullRefund(),
                    EnterpriseCategory.NO_UNION, new RebateRules.CategoryRule(8000, UPPER_20)));
    static final PolicyVersion GUCUN_V1 = policy(2, "gucun", 1, "1.2.3.11", LocalDate.of(2026, 1, 1), 25, 8000);
    static final PolicyVersion GUCUN_V2 = policy(3, "gucun", 2, "1.2.3.11", LocalDate.of(2026, 1, 1), 50, 8500);
    static final PolicyVersion GUCUN_LATER = policy(4, "gucun-2027", 1, "1.2.3.11", LocalDate.of(2027, 1, 1), 25, 9000);
    static final List<PolicyVersion> ALL = List.of(NATIONAL, GUCUN_V1, GUCUN_V2, GUCUN_LATER);

    /** national 1 > province 2 > city 3 > district 4 > town 11 > joint 12 > enterprise union 31. */
    static final List<RebateRules.OrgOnPath> CHAIN = List.of(new RebateRules.OrgOnPath(1, OrgKind.NATIONAL),
            new RebateRules.OrgOnPath(2, OrgKind.PROVINCE), new RebateRules.OrgOnPath(3, OrgKind.CITY),
            new RebateRules.OrgOnPath(4, OrgKind.DISTRICT), new RebateRules.OrgOnPath(11, OrgKind.TOWN),
            new RebateRules.OrgOnPath(12, OrgKind.JOINT_AREA));
    static final Map<ShareLevel, Long> TO = RebateRules.recipients(CHAIN, 11);

    static RebateRules.Line split(CollectionToRebate c, PolicyVersion p) {
        return RebateRules.split(c, p, 11, TO, Optional.empty());
    }

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
    void anEnterpriseWithAUnionGetsItsShareDownAndEveryLevelAboveItsOwn() {
        var line = split(new CollectionToRebate(7, 70, 600_001, "1.2.3.4.11.12", 31L, 86), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.STANDARD);
        assertThat(line.grassrootsOrgId()).isEqualTo(31);
        // 80% of 6000.01 = 4800.008: the largest fraction of a fen, so the left-over fen goes to the grassroots.
        assertThat(line.grassrootsFen()).isEqualTo(480_001);
        assertThat(line.upperFen()).isEqualTo(120_000);
        assertThat(line.preparatoryFen()).isZero();
        assertThat(line.shares()).extracting(RebateRules.Share::level, RebateRules.Share::orgId, RebateRules.Share::fen)
                .containsExactly(tuple(ShareLevel.GRASSROOTS, 31L, 480_001L), tuple(ShareLevel.TOWN, 11L, 30_000L),
                        tuple(ShareLevel.DISTRICT, 4L, 24_000L), tuple(ShareLevel.CITY, 3L, 18_000L),
                        tuple(ShareLevel.PROVINCE, 2L, 18_000L), tuple(ShareLevel.NATIONAL, 1L, 30_000L));
        assertThat(line.rounding()).isEqualTo("largest remainder, +1 fen to GRASSROOTS");
        assertThat(line.rule()).isEqualTo("policy rule STANDARD");
        assertThat(line.policyName()).isEqualTo("national-default");
        assertThat(line.policyVersion()).isEqualTo(1);
    }

    @Test
    void aMissingLevelPassesItsShareToTheNextOrgBelowItNeverBelowTheCollector() {
        // Beijing: districts directly under the municipality (a CITY-kind org), no province between.
        List<RebateRules.OrgOnPath> beijing = List.of(new RebateRules.OrgOnPath(1, OrgKind.NATIONAL),
                new RebateRules.OrgOnPath(5, OrgKind.CITY), new RebateRules.OrgOnPath(6, OrgKind.DISTRICT),
                new RebateRules.OrgOnPath(7, OrgKind.TOWN), new RebateRules.OrgOnPath(8, OrgKind.JOINT_AREA));
        assertThat(RebateRules.recipients(beijing, 7)).containsEntry(ShareLevel.PROVINCE, 5L).containsEntry(ShareLevel.CITY, 5L)
                .containsEntry(ShareLevel.DISTRICT, 6L).containsEntry(ShareLevel.TOWN, 7L).containsEntry(ShareLevel.NATIONAL, 1L);
        // Collected by a district (no town above the firm): the town's share stays with the district.
        assertThat(RebateRules.recipients(beijing.subList(0, 3), 6)).containsEntry(ShareLevel.TOWN, 6L);
    }

    @Test
    void aSmallFirmGetsAFullRefund() {
        var line = split(new CollectionToRebate(8, 80, 100_000, "1.2.3.4.11.12", 32L, 10), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.SMALL_FIRM);
        assertThat(line.grassrootsFen()).isEqualTo(100_000);
        assertThat(line.upperFen()).isZero();
    }

    @Test
    void withoutAUnionTheGrassrootsShareIsHeldAtTheCollectingOrg() {
        var line = split(new CollectionToRebate(9, 90, 200_001, "1.2.3.4.11.12", null, 40), NATIONAL);
        assertThat(line.category()).isEqualTo(EnterpriseCategory.NO_UNION);
        assertThat(line.grassrootsOrgId()).isNull();
        assertThat(line.grassrootsFen()).isZero();
        assertThat(line.preparatoryFen()).isEqualTo(160_001);
        assertThat(line.upperFen()).isEqualTo(40_000);
        assertThat(line.shares().getFirst().orgId()).isEqualTo(11);
        assertThat(line.returnedFen()).isEqualTo(160_001);
    }

    @Test
    void anOverrideReplacesTheGrassrootsShareAndScalesTheLevelsAbove() {
        var c = new CollectionToRebate(10, 100, 1_000_000, "1.2.3.4.11.12", 31L, 300);
        var line = RebateRules.split(c, NATIONAL, 11, TO, Optional.of(new RebateRules.Override(5, 9000)));
        assertThat(line.overrideId()).isEqualTo(5);
        assertThat(line.rule()).isEqualTo("override 5 of STANDARD");
        assertThat(line.grassrootsFen()).isEqualTo(900_000);
        // the other 10% divides as the policy's 20% does: 5:4:3:3:5
        assertThat(line.shares()).extracting(RebateRules.Share::fen).containsExactly(900_000L, 25_000L, 20_000L, 15_000L, 15_000L, 25_000L);
        // A rule with nothing above (a small firm's full refund) gives the rest of an override to the town.
        var small = RebateRules.split(new CollectionToRebate(11, 110, 1_000, "1.2.3.4.11.12", 31L, 3), NATIONAL, 11, TO,
                Optional.of(new RebateRules.Override(6, 9000)));
        assertThat(small.shares()).extracting(RebateRules.Share::level, RebateRules.Share::fen)
                .containsExactly(tuple(ShareLevel.GRASSROOTS, 900L), tuple(ShareLevel.TOWN, 100L));
    }

    @Test
    void aPolicyBelowItsFloorIsRefusedSayingByHowMuch() {
        assertThat(RebateRules.belowFloor(6000, 8000)).contains("returns 60%, 20 percentage points below the floor of 80%");
        assertThat(RebateRules.belowFloor(8000, 8000)).isEmpty();
        assertThat(FloorCheck.required(1_000_001, 8000)).isEqualTo(800_001); // 800000.8 rounds up
        assertThat(FloorCheck.required(1_000_000, 8000)).isEqualTo(800_000);
        assertThat(FloorCheck.percentOf(799_999, 1_000_000)).isEqualTo("79.99");
        assertThat(FloorCheck.percentOf(0, 0)).isNull();
    }

    @Test
    void sharesThatDoNotAddUpAreRefusedNamingTheField() {
        var bad = new RebateDtos.RuleInput(EnterpriseCategory.STANDARD, "80", List.of(new RebateDtos.LevelShareInput(ShareLevel.TOWN, "15")));
        assertThatThrownBy(() -> RebateService.categoryRule(2, bad)).isInstanceOf(ApiException.class)
                .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("rules[2].levels"))
                .hasMessageContaining("95%");
        var twice = new RebateDtos.RuleInput(EnterpriseCategory.STANDARD, "80", List.of(new RebateDtos.LevelShareInput(ShareLevel.TOWN, "10"),
                new RebateDtos.LevelShareInput(ShareLevel.TOWN, "10")));
        assertThatThrownBy(() -> RebateService.categoryRule(0, twice))
                .satisfies(e -> assertThat(((ApiException) e).errors().getFirst().field()).isEqualTo("rules[0].levels[1].level"));
        assertThat(RebateService.categoryRule(0, new RebateDtos.RuleInput(EnterpriseCategory.SMALL_FIRM, "100", null)).totalBp())
                .isEqualTo(10_000);
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
