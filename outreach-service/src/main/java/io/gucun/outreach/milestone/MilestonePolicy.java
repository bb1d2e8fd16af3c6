package io.gucun.outreach.milestone;

import io.gucun.outreach.coverage.FirmEvidence;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * How long the union has for each step after the firm reaches a stage (a dated policy; the article names the steps, not
 * the deadlines — these defaults are ours: 30 days for the agreement after registration, 3 months for the preparatory
 * group after construction starts, 6 months for the working union after the firm starts operating). Stages reached
 * before {@code effectiveFrom} carry no deadline: the policy is not applied backwards; such firms are left to the
 * founding-target rule.
 */
public record MilestonePolicy(Period agreementWithin, Period preparatoryGroupWithin, Period unionWithin, LocalDate effectiveFrom) {

    public MilestonePolicy {
        for (Period p : new Period[] {agreementWithin, preparatoryGroupWithin, unionWithin}) {
            if (p == null || p.isNegative() || p.isZero()) {
                throw new IllegalArgumentException("each step needs a positive time allowed");
            }
        }
        if (effectiveFrom == null) {
            throw new IllegalArgumentException("a policy names the day it took effect");
        }
    }

    public enum Status { NOT_REACHED, BEFORE_POLICY, OPEN, OVERDUE, DONE }

    /** A stage as reached, and where the day came from. */
    public record Reached(LocalDate on, FirmEvidence.Source source) {
    }

    public record Milestone(FoundingStage stage, LocalDate reachedOn, FirmEvidence.Source source, String unionStep,
                            LocalDate deadline, LocalDate stepDoneOn, Status status) {
    }

    public Period allowed(FoundingStage stage) {
        return switch (stage) {
            case REGISTERED -> agreementWithin;
            case CONSTRUCTION -> preparatoryGroupWithin;
            case OPERATING -> unionWithin;
        };
    }

    /**
     * The firm's three milestones. A founded union completes every step (on the day it was founded unless an officer
     * recorded an earlier one); otherwise a step is done when an officer recorded it, overdue once its deadline passed.
     */
    public List<Milestone> plan(Map<FoundingStage, Reached> reached, Map<FoundingStage, LocalDate> stepDone,
                                LocalDate unionFoundedOn, LocalDate today) {
        List<Milestone> out = new ArrayList<>();
        for (FoundingStage stage : FoundingStage.values()) {
            Reached r = reached.get(stage);
            LocalDate done = stepDone.get(stage);
            if (done == null) {
                done = unionFoundedOn;
            }
            LocalDate deadline = r == null || r.on().isBefore(effectiveFrom) ? null : r.on().plus(allowed(stage));
            Status status;
            if (done != null) {
                status = Status.DONE;
            } else if (r == null) {
                status = Status.NOT_REACHED;
            } else if (deadline == null) {
                status = Status.BEFORE_POLICY;
            } else {
                status = today.isAfter(deadline) ? Status.OVERDUE : Status.OPEN;
            }
            out.add(new Milestone(stage, r == null ? null : r.on(), r == null ? null : r.source(), stage.unionStep(),
                    deadline, done, status));
        }
        return out;
    }
}
