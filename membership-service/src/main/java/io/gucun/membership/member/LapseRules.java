package io.gucun.membership.member;

import io.gucun.common.security.OrgPaths;
import io.gucun.events.membership.EmploymentForm;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a membership lapses. A lapse policy of an org covers the members of its subtree; on a given day the policy
 * in force of the deepest covering org wins (ties: the one that started last, then the one created last), so a town
 * can be stricter or milder than its district. A member lapses when the policy's months have passed since their
 * last activity (admission, transfer in, dues paid, union life). Retirees and the unemployed keep their membership
 * (保留会籍) whatever the policy says.
 */
public final class LapseRules {

    /** Employment forms whose membership is retained and never lapses. */
    public static final Set<EmploymentForm> RETAINED = EnumSet.of(EmploymentForm.RETIRED, EmploymentForm.UNEMPLOYED);

    /** One dated policy: {@code orgPath} is the path of the org that set it. */
    public record Policy(long id, String orgPath, int monthsWithoutActivity, LocalDate validFrom, LocalDate validTo) {

        public boolean inForceOn(LocalDate day) {
            return !day.isBefore(validFrom) && (validTo == null || day.isBefore(validTo));
        }
    }

    public enum Outcome {
        /** The membership ends on this day. */
        LAPSES,
        /** It would lapse, but the member is retired or unemployed and keeps it. */
        RETAINED,
        /** Active recently enough. */
        ACTIVE,
        /** No policy covers the member on this day. */
        NO_POLICY
    }

    private LapseRules() {
    }

    public static Optional<Policy> policyFor(Collection<Policy> policies, String memberOrgPath, LocalDate day) {
        return policies.stream()
                .filter(p -> p.inForceOn(day) && OrgPaths.isWithin(memberOrgPath, p.orgPath()))
                .max(Comparator.comparingInt((Policy p) -> OrgPaths.depth(p.orgPath()))
                        .thenComparing(Policy::validFrom)
                        .thenComparingLong(Policy::id));
    }

    /** The day from which a member last active on {@code lastActiveOn} counts as lapsed under {@code months}. */
    public static LocalDate lapsesOn(LocalDate lastActiveOn, int months) {
        return lastActiveOn.plusMonths(months);
    }

    public static Outcome judge(Optional<Policy> policy, LocalDate lastActiveOn, EmploymentForm form, LocalDate day) {
        if (policy.isEmpty()) {
            return Outcome.NO_POLICY;
        }
        if (lastActiveOn == null || day.isBefore(lapsesOn(lastActiveOn, policy.get().monthsWithoutActivity()))) {
            return Outcome.ACTIVE;
        }
        return RETAINED.contains(form) ? Outcome.RETAINED : Outcome.LAPSES;
    }
}
