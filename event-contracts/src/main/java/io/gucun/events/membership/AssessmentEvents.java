package io.gucun.events.membership;

import java.time.OffsetDateTime;

/**
 * Events of the {@code assessment} aggregate (the members' yearly assessment of their union's chair), published on
 * topic {@code membership.assessment.v1} keyed by the assessment id. Aggregates only: no rater, no single rating.
 */
public final class AssessmentEvents {

    public static final String AGGREGATE = "assessment";

    /**
     * An assessment was closed. When fewer members rated than {@code minRaters}, {@code resultShown} is false and the
     * counts and {@code satisfactionPercent} are null: too few to keep a rating from pointing at its rater, and too few
     * to speak for the members. {@code satisfactionPercent} is satisfied plus basically satisfied over all raters, in
     * percent with two decimals ({@code "87.50"}); what it means for the chair's allowance is dues' policy.
     */
    public record AssessmentClosed(long assessmentId, long orgId, int year, long chairMemberId, int raters,
                                   int minRaters, boolean resultShown, Integer satisfied, Integer basicallySatisfied,
                                   Integer dissatisfied, String satisfactionPercent, OffsetDateTime closedAt) {
    }

    private AssessmentEvents() {
    }
}
