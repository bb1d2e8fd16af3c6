package io.gucun.dues.subsidy;

import io.gucun.common.problem.FieldError;
import io.gucun.events.membership.OrgKind;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.EnumSet;
import java.util.Set;

/**
 * How much of the part-time chair's yearly allowance the members' assessment gives: plain code. The source article:
 * part-time chairs of non-public enterprise unions get a post allowance and are assessed by the workers.
 */
public final class ChairAllowanceRules {

    /** The allowance is for a year: twelve times the monthly amounts of the policy. */
    public static final int MONTHS = 12;

    /**
     * The unions whose chairs get it: enterprise unions and the joint unions that gather the workers of small (non-public)
     * firms. Membership's register does not say whether an enterprise is public; federations above get none.
     */
    public static final Set<OrgKind> COVERED = EnumSet.of(OrgKind.ENTERPRISE, OrgKind.JOINT_AREA, OrgKind.JOINT_INDUSTRY);

    private ChairAllowanceRules() {
    }

    /** A policy version's scale: full from {@code fullFrom}% satisfied, {@code reducedShare}% of it from {@code reducedFrom}%. */
    public record Scale(BigDecimal fullFromPercent, BigDecimal reducedFromPercent, int reducedSharePercent) {
    }

    /** What an assessment decides; NOT_IN_POST: the chair held the post no whole month of the year. */
    public enum Result { FULL, REDUCED, NONE, NO_RESULT, NOT_PART_TIME, NOT_COVERED, NO_POLICY, NOT_IN_POST }

    /** The result and the share of the year's allowance it pays (0–100). */
    public record Decision(Result result, int sharePercent) {

        public boolean pays() {
            return sharePercent > 0;
        }
    }

    /**
     * The months of the year the allowance is for: the whole months the chair held the post ({@code chairMonthsInPost}
     * of AssessmentClosed), or all twelve for an event from before membership said. 0–12, else the event is refused.
     */
    public static int monthsInPost(Integer chairMonthsInPost) {
        if (chairMonthsInPost == null) {
            return MONTHS;
        }
        if (chairMonthsInPost < 0 || chairMonthsInPost > MONTHS) {
            throw new IllegalArgumentException("chairMonthsInPost must be 0 to 12, not " + chairMonthsInPost);
        }
        return chairMonthsInPost;
    }

    /**
     * The decision for an assessment: nothing for a union the allowance is not for, for a chair not known to be part-time
     * (a full-time chair, or an event from before membership said), for a chair who held the post no whole month of the
     * year, or without a shown result (too few raters: the members have not spoken); otherwise by the satisfaction
     * against the scale. {@code monthsInPost} prorates the amount ({@link #yearFen}), not the share.
     */
    public static Decision decide(OrgKind kind, Boolean chairPartTime, int monthsInPost, boolean resultShown,
                                  BigDecimal satisfactionPercent, Scale scale) {
        if (kind == null || !COVERED.contains(kind)) {
            return new Decision(Result.NOT_COVERED, 0);
        }
        if (!Boolean.TRUE.equals(chairPartTime)) {
            return new Decision(Result.NOT_PART_TIME, 0);
        }
        if (monthsInPost == 0) {
            return new Decision(Result.NOT_IN_POST, 0);
        }
        if (!resultShown || satisfactionPercent == null) {
            return new Decision(Result.NO_RESULT, 0);
        }
        if (scale == null) {
            return new Decision(Result.NO_POLICY, 0);
        }
        if (satisfactionPercent.compareTo(scale.fullFromPercent()) >= 0) {
            return new Decision(Result.FULL, 100);
        }
        if (satisfactionPercent.compareTo(scale.reducedFromPercent()) >= 0 && scale.reducedSharePercent() > 0) {
            return new Decision(Result.REDUCED, scale.reducedSharePercent());
        }
        return new Decision(Result.NONE, 0);
    }

    /**
     * A level's part of the year's allowance: its monthly amount times the months in post (twelve for a whole year),
     * times the share, rounded once to the fen, half up (四舍五入, as the federation's accounts round): 300.01 yuan a
     * month for 7 months at 50% is 1,050.035 yuan, paid as 1,050.04.
     */
    public static long yearFen(long monthlyFen, int monthsInPost, int sharePercent) {
        return BigDecimal.valueOf(monthlyFen).multiply(BigDecimal.valueOf((long) monthsInPost * sharePercent))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** What is wrong with a scale for a new policy version (the field and why), or null. */
    public static FieldError whyBadScale(BigDecimal fullFrom, BigDecimal reducedFrom, Integer reducedShare) {
        if (fullFrom == null || fullFrom.signum() < 0 || fullFrom.compareTo(BigDecimal.valueOf(100)) > 0 || fullFrom.scale() > 2) {
            return new FieldError("fullFromPercent", "is required for CHAIR_ALLOWANCE: a percentage from 0 to 100, two decimals at most");
        }
        if (reducedFrom == null || reducedFrom.signum() < 0 || reducedFrom.compareTo(fullFrom) > 0 || reducedFrom.scale() > 2) {
            return new FieldError("reducedFromPercent", "is required for CHAIR_ALLOWANCE: a percentage from 0 to fullFromPercent");
        }
        if (reducedShare == null || reducedShare < 0 || reducedShare > 100) {
            return new FieldError("reducedSharePercent", "is required for CHAIR_ALLOWANCE: a whole percentage from 0 to 100");
        }
        return null;
    }
}
