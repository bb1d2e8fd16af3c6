package io.gucun.membership.member;

import io.gucun.common.problem.ApiException;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.Optional;

/**
 * The rule of one dated join policy of an org, and how the one in force on a day is chosen: a policy is in force
 * from {@code validFrom} (inclusive) to {@code validTo} (exclusive, open-ended when null); when several are in
 * force, the one that started last wins (ties: the one created last). Without a policy in force, applications
 * wait for an officer.
 */
public record JoinPolicyTerms(long id, boolean autoApprove, LocalDate validFrom, LocalDate validTo) {

    /** A dated policy (join or lapse) ends, if at all, after it starts: 400 naming validTo otherwise. */
    public static void requireDates(LocalDate validFrom, LocalDate validTo) {
        if (validTo != null && !validTo.isAfter(validFrom)) {
            throw ApiException.invalid("validTo", "must be after validFrom");
        }
    }

    public boolean inForceOn(LocalDate day) {
        return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
    }

    public static Optional<JoinPolicyTerms> inForce(Collection<JoinPolicyTerms> policies, LocalDate day) {
        return policies.stream()
                .filter(p -> p.inForceOn(day))
                .max(Comparator.comparing(JoinPolicyTerms::validFrom).thenComparingLong(JoinPolicyTerms::id));
    }

    /** Whether an application filed on {@code day} is admitted without waiting for an officer. */
    public static boolean autoApproves(Collection<JoinPolicyTerms> policies, LocalDate day) {
        return inForce(policies, day).map(JoinPolicyTerms::autoApprove).orElse(false);
    }
}
