package io.gucun.membership.assessment;

/** A member's rating of their chair for the year (满意 / 基本满意 / 不满意). */
public enum AssessmentRating {
    SATISFIED, BASICALLY_SATISFIED, DISSATISFIED
}
