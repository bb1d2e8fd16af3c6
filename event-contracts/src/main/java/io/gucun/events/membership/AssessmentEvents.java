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
     * {@code chairPartTime} (added later, a compatible change: null in events published before it) is false when the
     * chair also held a {@code FULL_TIME_OFFICER} post of the union in the register on the closing day (a full-time
     * chair, paid as such, gets no part-time chair's allowance). {@code chairMonthsInPost} (added later, likewise
     * null in earlier events) is the number of whole calendar months of {@code year} (0–12) in which the assessed
     * member held the union's CHAIR post in the workforce register, by the terms as they stand at the close (a term
     * running on past the close counts as planned): a chair elected mid-year gets the share of the year they served.
     */
    public record AssessmentClosed(long assessmentId, long orgId, int year, long chairMemberId, int raters,
                                   int minRaters, boolean resultShown, Integer satisfied, Integer basicallySatisfied,
                                   Integer dissatisfied, String satisfactionPercent, OffsetDateTime closedAt,
                                   Boolean chairPartTime, Integer chairMonthsInPost) {
    }

    private AssessmentEvents() {
    }
}
