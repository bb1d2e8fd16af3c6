package io.gucun.outreach.milestone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gucun.outreach.coverage.FirmEvidence.Source;
import io.gucun.outreach.milestone.MilestonePolicy.Milestone;
import io.gucun.outreach.milestone.MilestonePolicy.Reached;
import io.gucun.outreach.milestone.MilestonePolicy.Status;
import java.time.LocalDate;
import java.time.Period;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MilestonePolicyTest {

    private static final LocalDate TODAY = LocalDate.of(2026, 12, 7);
    private final MilestonePolicy harbin = new MilestonePolicy(Period.ofDays(30), Period.ofMonths(3), Period.ofMonths(6),
            LocalDate.of(2017, 1, 1));

    @Test
    void eachStageCallsForItsUnionStepByItsDeadline() {
        List<Milestone> plan = harbin.plan(Map.of(
                FoundingStage.REGISTERED, new Reached(LocalDate.of(2026, 10, 1), Source.REGISTER),
                FoundingStage.OPERATING, new Reached(LocalDate.of(2026, 11, 1), Source.SOCIAL_INSURANCE)), Map.of(), null, TODAY);
        assertThat(plan).extracting(Milestone::stage).containsExactly(FoundingStage.REGISTERED, FoundingStage.CONSTRUCTION,
                FoundingStage.OPERATING);
        assertThat(plan.get(0).deadline()).isEqualTo(LocalDate.of(2026, 10, 31));
        assertThat(plan.get(0).status()).isEqualTo(Status.OVERDUE);
        assertThat(plan.get(0).unionStep()).contains("建会承诺书");
        assertThat(plan.get(1).status()).isEqualTo(Status.NOT_REACHED);
        assertThat(plan.get(1).deadline()).isNull();
        assertThat(plan.get(2).deadline()).isEqualTo(LocalDate.of(2027, 5, 1));
        assertThat(plan.get(2).status()).isEqualTo(Status.OPEN);
        assertThat(plan.get(2).source()).isEqualTo(Source.SOCIAL_INSURANCE);
    }

    @Test
    void theDeadlineDayItselfIsNotYetOverdue() {
        Reached registered = new Reached(TODAY.minusDays(30), Source.OFFICER);
        assertThat(harbin.plan(Map.of(FoundingStage.REGISTERED, registered), Map.of(), null, TODAY).get(0).status())
                .isEqualTo(Status.OPEN);
        assertThat(harbin.plan(Map.of(FoundingStage.REGISTERED, registered), Map.of(), null, TODAY.plusDays(1)).get(0).status())
                .isEqualTo(Status.OVERDUE);
    }

    @Test
    void aRecordedStepOrAFoundedUnionCompletesIt() {
        Map<FoundingStage, Reached> reached = Map.of(FoundingStage.REGISTERED, new Reached(LocalDate.of(2025, 1, 1), Source.REGISTER),
                FoundingStage.CONSTRUCTION, new Reached(LocalDate.of(2025, 3, 1), Source.OFFICER));
        List<Milestone> stepDone = harbin.plan(reached, Map.of(FoundingStage.REGISTERED, LocalDate.of(2025, 1, 20)), null, TODAY);
        assertThat(stepDone).extracting(Milestone::status).containsExactly(Status.DONE, Status.OVERDUE, Status.NOT_REACHED);
        List<Milestone> founded = harbin.plan(reached, Map.of(), LocalDate.of(2026, 2, 1), TODAY);
        assertThat(founded).extracting(Milestone::status).containsOnly(Status.DONE);
        assertThat(founded.get(2).stepDoneOn()).isEqualTo(LocalDate.of(2026, 2, 1));
    }

    @Test
    void stagesReachedBeforeThePolicyTookEffectCarryNoDeadline() {
        Milestone old = harbin.plan(Map.of(FoundingStage.OPERATING, new Reached(LocalDate.of(2010, 5, 1), Source.TAX)),
                Map.of(), null, TODAY).get(2);
        assertThat(old.status()).isEqualTo(Status.BEFORE_POLICY);
        assertThat(old.deadline()).isNull();
        assertThatThrownBy(() -> new MilestonePolicy(Period.ZERO, Period.ofDays(1), Period.ofDays(1), TODAY))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new MilestonePolicy(Period.ofDays(1), Period.ofDays(1), Period.ofDays(1), null))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
