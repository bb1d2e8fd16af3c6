package io.gucun.outreach.milestone;

import io.gucun.outreach.coverage.FirmEvidence;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public final class MilestoneDtos {

    private MilestoneDtos() {
    }

    @Schema(name = "FoundingMilestone", description = "One 三同时 stage of a firm: when it was reached (and the source of that day), "
            + "the union step it calls for, the deadline and whether the step is done")
    public record MilestoneView(FoundingStage stage,
                                LocalDate reachedOn,
                                @Schema(description = "REGISTER, SOCIAL_INSURANCE, TAX or OFFICER") FirmEvidence.Source source,
                                String unionStep,
                                @Schema(description = "null before the stage is reached or when it was reached before the policy took effect") LocalDate deadline,
                                LocalDate stepDoneOn,
                                @Schema(description = "NOT_REACHED, BEFORE_POLICY, OPEN, OVERDUE or DONE") MilestonePolicy.Status status) {
        static MilestoneView of(MilestonePolicy.Milestone m) {
            return new MilestoneView(m.stage(), m.reachedOn(), m.source(), m.unionStep(), m.deadline(), m.stepDoneOn(), m.status());
        }
    }

    @Schema(name = "FirmMilestones", description = "A firm's founding milestones (registered or seen only in partner data)")
    public record FirmMilestones(String creditCode, String name, boolean registered, long orgId, String gridCode,
                                 boolean hasUnion, List<MilestoneView> milestones, Policy policy) {
    }

    @Schema(name = "FoundingMilestonePolicy", description = "Time allowed for each union step (ISO-8601 periods) and since when")
    public record Policy(String agreementWithin, String preparatoryGroupWithin, String unionWithin, LocalDate effectiveFrom) {
        static Policy of(MilestonePolicy p) {
            return new Policy(p.agreementWithin().toString(), p.preparatoryGroupWithin().toString(), p.unionWithin().toString(),
                    p.effectiveFrom());
        }
    }

    @Schema(name = "FoundingMilestoneRecord", description = "What an officer knows: the day the firm reached the stage and/or the "
            + "day the union step was done; a date left out keeps what was recorded")
    public record Record(@Schema(example = "2026-03-01") LocalDate reachedOn, @Schema(example = "2026-03-20") LocalDate stepDoneOn) {
    }

    @Schema(name = "OverdueFoundingStep", description = "A union step whose deadline passed, at a firm without a union")
    public record Overdue(String creditCode, String name, boolean registered, long orgId, String gridCode, FoundingStage stage,
                          String unionStep, LocalDate reachedOn, FirmEvidence.Source source, LocalDate deadline, long daysOverdue) {
    }
}
