package io.gucun.membership.benefit;

import io.gucun.events.membership.BenefitKind;
import io.gucun.events.membership.EmploymentForm;
import java.time.LocalDate;
import java.util.Collection;

/** Validity and eligibility of a benefit, as plain functions. */
public final class BenefitRules {

    private BenefitRules() {
    }

    /** Why a benefit is not valid on {@code day} ("benefit has expired", "benefit is not yet valid"), or null. */
    public static String whyNotValid(LocalDate validFrom, LocalDate validTo, LocalDate day) {
        if (day.isBefore(validFrom)) {
            return "benefit is not yet valid (valid from " + validFrom + ")";
        }
        if (validTo != null && day.isAfter(validTo)) {
            return "benefit has expired (valid to " + validTo + ")";
        }
        return null;
    }

    /**
     * UNIVERSAL and MERCHANT: every member. SPECIAL: the member is listed by id, or their employment form is listed.
     */
    public static boolean eligible(BenefitKind kind, Collection<Long> memberIds, Collection<EmploymentForm> forms,
                                   long memberId, EmploymentForm form) {
        if (kind != BenefitKind.SPECIAL) {
            return true;
        }
        return memberIds.contains(memberId) || (form != null && forms.contains(form));
    }

    /** Whether a member who used a benefit {@code used} times may not use it again under {@code maxPerMember}. */
    public static boolean limitReached(long used, Integer maxPerMember) {
        return maxPerMember != null && used >= maxPerMember;
    }
}
